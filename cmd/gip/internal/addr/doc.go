// Package addr is `gip address`: object.go registers the verbs; modify.go
// reads add, change, replace and delete into planned steps (the device is
// resolved when the step is built; none has an undo, see planModify);
// show.go and flush.go select addresses with the link package's selectors
// and print them under their links with its views.
package addr
