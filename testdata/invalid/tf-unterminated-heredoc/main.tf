locals {
  script = <<EOT
line one
line two
}
