// Package monitor is `gip tc monitor`: the kernel's traffic-control
// events (qdiscs, classes, filters and chains added, changed and deleted)
// printed as tc monitor prints them, or under -j as JSON lines, one
// object per event.
package monitor
