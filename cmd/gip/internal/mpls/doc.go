// Package mpls is `gip mpls`: MPLS routes (route with the MPLS family)
// and the sysctls MPLS needs, platform_labels and a device's input.
//
//	object.go  the usage text and the verbs
//	sysctl.go  mpls labels and mpls dev DEV input, written in the command's namespace
package mpls
