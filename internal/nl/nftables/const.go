package nftables

// Verdict codes (enum nft_verdicts and NF_DROP/NF_ACCEPT).
const (
	VerdictContinue int32 = -1 // NFT_CONTINUE
	VerdictBreak    int32 = -2 // NFT_BREAK
	VerdictJump     int32 = -3 // NFT_JUMP
	VerdictGoto     int32 = -4 // NFT_GOTO
	VerdictReturn   int32 = -5 // NFT_RETURN
	VerdictDrop     int32 = 0  // NF_DROP
	VerdictAccept   int32 = 1  // NF_ACCEPT
	VerdictQueue    int32 = 3  // NF_QUEUE
)

// Registers: the verdict register and the first 32-bit data register.
const (
	RegVerdict uint32 = 0 // NFT_REG_VERDICT
	Reg1       uint32 = 1 // NFT_REG_1, the first 128-bit register
	Reg32First uint32 = 8 // NFT_REG32_00
)

// Set flags (enum nft_set_flags).
const (
	SetAnonymous uint32 = 1 << 0 // NFT_SET_ANONYMOUS
	SetConstant  uint32 = 1 << 1 // NFT_SET_CONSTANT
	SetInterval  uint32 = 1 << 2 // NFT_SET_INTERVAL
	SetMap       uint32 = 1 << 3 // NFT_SET_MAP
	SetTimeout   uint32 = 1 << 4 // NFT_SET_TIMEOUT
	SetEval      uint32 = 1 << 5 // NFT_SET_EVAL
	SetObject    uint32 = 1 << 6 // NFT_SET_OBJECT
	SetConcat    uint32 = 1 << 7 // NFT_SET_CONCAT
)

// Set element flags (enum nft_set_elem_flags).
const (
	ElemIntervalEnd uint32 = 1 << 0 // NFT_SET_ELEM_INTERVAL_END
	ElemCatchall    uint32 = 1 << 1 // NFT_SET_ELEM_CATCHALL
)

// Table flags (enum nft_table_flags).
const TableDormant uint32 = 1 // NFT_TABLE_F_DORMANT

// Hooks of the ip, ip6, inet, bridge and arp families (NF_INET_*), and of
// netdev (NF_NETDEV_*).
const (
	HookPrerouting    uint32 = 0
	HookInput         uint32 = 1
	HookForward       uint32 = 2
	HookOutput        uint32 = 3
	HookPostrouting   uint32 = 4
	HookIngress       uint32 = 5 // NF_INET_INGRESS
	HookNetdevIngress uint32 = 0 // NF_NETDEV_INGRESS
	HookNetdevEgress  uint32 = 1 // NF_NETDEV_EGRESS
)

// Attribute types without a constant in x/sys/unix.
const (
	attrSetDescConcat  = 2  // NFTA_SET_DESC_CONCAT
	attrSetFieldLen    = 1  // NFTA_SET_FIELD_LEN
	attrSetHandle      = 16 // NFTA_SET_HANDLE
	attrSetElemKeyEnd  = 10 // NFTA_SET_ELEM_KEY_END
	attrChainFlags     = 10 // NFTA_CHAIN_FLAGS
	attrRuleChainID    = 11 // NFTA_RULE_CHAIN_ID
	attrHookDevs       = 4  // NFTA_HOOK_DEVS
	attrBitwiseOp      = 6  // NFTA_BITWISE_OP
	attrBitwiseData    = 7  // NFTA_BITWISE_DATA
	attrVerdictChainID = 3  // NFTA_VERDICT_CHAIN_ID
	attrDeviceName     = 1  // NFTA_DEVICE_NAME
	attrTableHandle    = 4  // NFTA_TABLE_HANDLE
	attrSetDescSize    = 1  // NFTA_SET_DESC_SIZE
	attrSetElemExprs   = 11 // NFTA_SET_ELEM_EXPRESSIONS
)
