// Package class is `gip tc class`: adding, changing, replacing, deleting
// and listing the classes of classful qdiscs as tc does. A class's
// options belong to its qdisc's kind (package qdisc, the class half of
// kind_<name>.go).
package class
