variable "location" {
  description = "Region of the hub, the spoke and the registry's home replica."
  type        = string
  default     = "westeurope"
}

variable "replica_locations" {
  description = "Regions the registry is geo-replicated to."
  type        = list(string)
  default     = ["northeurope", "swedencentral"]
}

variable "prefix" {
  description = "Short name used in every resource name."
  type        = string
  default     = "contoso"
}

variable "hub_address_space" {
  type    = string
  default = "10.0.0.0/16"
}

variable "spoke_address_space" {
  type    = string
  default = "10.1.0.0/16"
}

variable "tags" {
  type = map(string)
  default = {
    workload    = "platform"
    environment = "prod"
  }
}
