variable "replicas" {
  type    = number
  default = "three"
}
