locals {
  n = 1 +
}
