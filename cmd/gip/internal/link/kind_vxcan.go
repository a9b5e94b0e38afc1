package link

// vxcan: a pair of virtual CAN devices tunnelling frames between
// namespaces; like veth, the words after `peer` describe the other end
// (VXCAN_INFO_PEER has veth's shape and number, so it shares veth's
// model and grammar).
func vxcanKind() Kind {
	return newKind("vxcan", peerUsage("vxcan"), parseVeth, nil)
}
