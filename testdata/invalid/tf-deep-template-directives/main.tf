locals {
  x = <<EOT
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
%{ if true }
a
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
%{ endif }
EOT
}
