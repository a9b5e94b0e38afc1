// Package action is tc's actions: the list a filter carries after
// "action" (ParseList, PrintList), the verdicts every action takes
// (control.go), and the registry of action kinds, one kind_<name>.go each
// over a typed model in internal/nl/rtnl (tc_<name>.go).
package action
