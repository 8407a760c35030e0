locals {
  sku = "Basic"
}
locals {
  sku = "Premium"
}
