// Package filter is `gip tc filter`: adding, changing, replacing,
// deleting, getting and listing classifiers as tc does, and the registry
// of filter kinds, one kind_<name>.go each over a typed model in
// internal/nl/rtnl (tc_<name>.go). A filter's actions are package
// action's.
package filter
