// Package qdisc is `gip tc qdisc`: adding, changing, replacing, linking,
// deleting and listing queueing disciplines as tc does, and the registry
// of qdisc kinds. A kind is one kind_<name>.go file (grammar, printing,
// usage, and the class half for classful kinds) over a typed model in
// internal/nl/rtnl (tc_<name>.go), plus one line in kinds.go. Package
// class uses the same kinds for `gip tc class`.
package qdisc
