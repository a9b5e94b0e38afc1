module github.com/gip-suite/gip

go 1.26.0

require (
	github.com/vishvananda/netns v0.0.5
	golang.org/x/sys v0.49.0
)
