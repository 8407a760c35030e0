variable "zones" {
  default = []
}
