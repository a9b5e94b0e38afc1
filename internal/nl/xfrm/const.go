package xfrm

// Message types (XFRM_MSG_*).
const (
	MsgNewSA       = 0x10
	MsgDelSA       = 0x11
	MsgGetSA       = 0x12
	MsgNewPolicy   = 0x13
	MsgDelPolicy   = 0x14
	MsgGetPolicy   = 0x15
	MsgAllocSPI    = 0x16
	MsgAcquire     = 0x17
	MsgExpire      = 0x18
	MsgUpdPolicy   = 0x19
	MsgUpdSA       = 0x1a
	MsgPolExpire   = 0x1b
	MsgFlushSA     = 0x1c
	MsgFlushPolicy = 0x1d
	MsgNewSADInfo  = 0x22
	MsgGetSADInfo  = 0x23
	MsgNewSPDInfo  = 0x24
	MsgGetSPDInfo  = 0x25
	MsgSetDefault  = 0x27
	MsgGetDefault  = 0x28
)

// Attributes (XFRMA_*).
const (
	AttrAlgAuth      = 1  // XFRMA_ALG_AUTH: struct xfrm_algo
	AttrAlgCrypt     = 2  // XFRMA_ALG_CRYPT: struct xfrm_algo
	AttrAlgComp      = 3  // XFRMA_ALG_COMP: struct xfrm_algo
	AttrEncap        = 4  // XFRMA_ENCAP: struct xfrm_encap_tmpl
	AttrTmpl         = 5  // XFRMA_TMPL: struct xfrm_user_tmpl[]
	AttrSA           = 6  // XFRMA_SA: struct xfrm_usersa_info
	AttrPolicy       = 7  // XFRMA_POLICY: struct xfrm_userpolicy_info
	AttrSecCtx       = 8  // XFRMA_SEC_CTX: struct xfrm_user_sec_ctx
	AttrLtimeVal     = 9  // XFRMA_LTIME_VAL
	AttrReplayVal    = 10 // XFRMA_REPLAY_VAL: struct xfrm_replay_state
	AttrReplayThresh = 11 // XFRMA_REPLAY_THRESH
	AttrEtimerThresh = 12 // XFRMA_ETIMER_THRESH
	AttrSrcAddr      = 13 // XFRMA_SRCADDR: xfrm_address_t
	AttrCoAddr       = 14 // XFRMA_COADDR: xfrm_address_t
	AttrLastUsed     = 15 // XFRMA_LASTUSED: u64
	AttrPolicyType   = 16 // XFRMA_POLICY_TYPE: struct xfrm_userpolicy_type
	AttrAlgAEAD      = 18 // XFRMA_ALG_AEAD: struct xfrm_algo_aead
	AttrAlgAuthTrunc = 20 // XFRMA_ALG_AUTH_TRUNC: struct xfrm_algo_auth
	AttrMark         = 21 // XFRMA_MARK: struct xfrm_mark
	AttrTFCPad       = 22 // XFRMA_TFCPAD: u32
	AttrReplayESN    = 23 // XFRMA_REPLAY_ESN_VAL: struct xfrm_replay_state_esn
	AttrExtraFlags   = 24 // XFRMA_SA_EXTRA_FLAGS: u32
	AttrProto        = 25 // XFRMA_PROTO: u8
	AttrOffloadDev   = 28 // XFRMA_OFFLOAD_DEV: struct xfrm_user_offload
	AttrSetMark      = 29 // XFRMA_SET_MARK (XFRMA_OUTPUT_MARK): u32
	AttrSetMarkMask  = 30 // XFRMA_SET_MARK_MASK: u32
	AttrIfID         = 31 // XFRMA_IF_ID: u32
)

// Policy directions (XFRM_POLICY_IN, ...); a socket policy's is one of
// them plus DirMax.
const (
	DirIn  = 0
	DirOut = 1
	DirFwd = 2
	DirMax = 3
)

// Policy actions, types and flags.
const (
	ActionAllow = 0 // XFRM_POLICY_ALLOW
	ActionBlock = 1 // XFRM_POLICY_BLOCK

	TypeMain = 0 // XFRM_POLICY_TYPE_MAIN
	TypeSub  = 1 // XFRM_POLICY_TYPE_SUB

	PolicyLocalOK = 1 // XFRM_POLICY_LOCALOK
	PolicyICMP    = 2 // XFRM_POLICY_ICMP
)

// Modes (XFRM_MODE_*).
const (
	ModeTransport = 0
	ModeTunnel    = 1
	ModeRO        = 2 // route optimisation
	ModeInTrigger = 3
	ModeBEET      = 4
)

// Sharing of templates and policies (XFRM_SHARE_*).
const (
	ShareAny     = 0
	ShareSession = 1
	ShareUser    = 2
	ShareUnique  = 3
)

// State flags (XFRM_STATE_*) and extra flags (XFRM_SA_XFLAG_*).
const (
	StateNoECN      = 1
	StateDecapDSCP  = 2
	StateNoPMTUDisc = 4
	StateWildRecv   = 8
	StateICMP       = 16
	StateAFUnspec   = 32
	StateAlign4     = 64
	StateESN        = 128

	ExtraDontEncapDSCP = 1
	ExtraOSeqMayWrap   = 2
)

// Offload flags (XFRM_OFFLOAD_*).
const (
	OffloadIPv6    = 1
	OffloadInbound = 2
	OffloadPacket  = 4
)

// Protocols of states and templates.
const (
	ProtoESP      = 50  // IPPROTO_ESP
	ProtoAH       = 51  // IPPROTO_AH
	ProtoComp     = 108 // IPPROTO_COMP
	ProtoRouting  = 43  // IPPROTO_ROUTING: route2
	ProtoDstOpts  = 60  // IPPROTO_DSTOPTS: hao
	ProtoIPsecAny = 255 // IPSEC_PROTO_ANY
)

// Encapsulation types.
const (
	EncapESPInUDPNonIKE = 1 // UDP_ENCAP_ESPINUDP_NON_IKE
	EncapESPInUDP       = 2 // UDP_ENCAP_ESPINUDP
	EncapESPInTCP       = 7 // TCP_ENCAP_ESPINTCP
)
