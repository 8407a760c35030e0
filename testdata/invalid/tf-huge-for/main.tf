locals {
  cells = [for i in range(0, 1024) : [for j in range(0, 1024) : [for k in range(0, 1024) : i + j + k]]]
}
