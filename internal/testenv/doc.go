// Package testenv decides what a privileged test does when the machine
// cannot give it what it needs.
//
// Tests that need root call NeedRoot; tests that need a kernel feature try it
// and, when the kernel refuses, call Missing. Outside the vm tier Missing
// skips the test with the reason. Inside the vm tier (the environment variable
// named by StrictEnv is set) the features the vm kernel is known to have are
// listed in VMFeatures, and a test that finds one of those missing fails: a
// feature that is only tested where it cannot run is not tested.
package testenv
