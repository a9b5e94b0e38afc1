// Package command holds the types every gip object registers itself with:
// an Object is a name, its verbs and iproute2's order for matching their
// abbreviations; a Verb is a usage line and a function over the command
// environment. The objects' packages build them, app assembles the list
// and dispatches, and help, completion and man pages are rendered from the
// same values, so the registry is the only place an object is named.
package command
