// Package mrule is `gip mrule`: ip rule's grammar, printer and verbs
// (package rule) on the multicast routing families, RTNL_FAMILY_IPMR
// (the default, and -4) and RTNL_FAMILY_IP6MR (-6), as ip's mrule is
// ip rule with the family changed.
//
//	object.go  the object: rule's verbs, each run on the multicast family
package mrule
