// Package xfrm is `gip xfrm`, ip's xfrm object: the kernel's IPsec
// security policy database (`gip xfrm policy`) and security association
// database (`gip xfrm state`), over NETLINK_XFRM. Text is ip's; ip -j
// prints text for xfrm, so gip's JSON is its own: one object per policy or
// state whose keys are the words of the text.
//
//	object.go         the object, its two sub-objects and their usage
//	parse.go          the words both share: selectors, ids, limits, marks
//	template.go       a policy's templates
//	names.go          the words of protocols, modes, directions, flags
//	policy_modify.go  policy add and update (planned)
//	policy_ref.go     policy delete (planned) and get
//	policy_list.go    policy list and deleteall, with ip's filter
//	policy_info.go    policy flush and set (planned), count
//	policy_default.go policy setdefault (planned) and getdefault
//	state.go          the state verbs and their usage
//	state_modify.go   state add and update (planned): algorithms, replay, encap, offload
//	state_ref.go      state delete (planned), get and allocspi
//	state_list.go     state list and deleteall, with ip's filter
//	state_info.go     state flush (planned) and count
//	run.go            what the verbs share: the socket, listing, printing answers, deleteall rounds
//	view*.go          policies and states as text and JSON
//	event.go          the notifications as gip monitor prints them (Decode), its resync
package xfrm
