// Package bicep reads Bicep files (.bicep, .bicepparam) natively: the
// syntax package parses them, and this package evaluates them into the
// same Azure resources the compiled ARM template would hold. Registry
// modules (br:, br/public:) are read from the local Bicep module cache
// that `bicep restore` fills, through their compiled ARM templates; nothing
// is downloaded.
package bicep
