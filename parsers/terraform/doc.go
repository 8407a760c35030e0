// Package terraform reads Terraform configurations (*.tf and *.tf.json) with
// hashicorp/hcl/v2 and evaluates them with go-cty the way Terraform would
// without state: variables from defaults, tfvars files and the command line,
// locals, count and for_each expanded into one instance per key, dynamic
// blocks, local modules and modules installed by `terraform init`, and
// Terraform's built-in functions.
//
// A value known only after apply stays unknown (cty.UnknownVal) and carries
// a mark naming the resource it comes from, so that
// azurerm_container_registry.acr.id still names the registry when the graph
// links resources. Nothing is downloaded: a module that is not on disk
// becomes unknown, with a diagnostic saying how to make it available.
package terraform
