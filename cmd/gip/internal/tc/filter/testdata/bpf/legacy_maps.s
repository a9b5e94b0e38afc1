# legacy_maps.s: a classifier counting the packets it sees in a one-slot
# array map declared the iproute2 way, in a "maps" section holding a
# struct bpf_elf_map {type, size_key, size_value, max_elem, flags, id,
# pinning, inner_id, inner_idx}, pinned PIN_GLOBAL_NS (2): tc puts it at
# <bpffs>/tc/globals/gip_test_cnt. Assemble with:
#   llvm-mc -triple bpf -filetype=obj -o legacy_maps.o legacy_maps.s
	.text
	.section	classifier,"ax",@progbits
	.globl	cls_count
	.type	cls_count,@function
cls_count:
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = gip_test_cnt ll
	call 1
	if r0 == 0 goto .Lout
	r1 = 1
	lock *(u64 *)(r0 + 0) += r1
.Lout:
	r0 = 0
	exit
.Lcls_count_end:
	.size	cls_count, .Lcls_count_end-cls_count

	.section	maps,"aw",@progbits
	.globl	gip_test_cnt
	.type	gip_test_cnt,@object
	.p2align	2
gip_test_cnt:
	.long	2	# type: BPF_MAP_TYPE_ARRAY
	.long	4	# size_key
	.long	8	# size_value
	.long	1	# max_elem
	.long	0	# flags
	.long	1	# id
	.long	2	# pinning: PIN_GLOBAL_NS
	.long	0	# inner_id
	.long	0	# inner_idx
	.size	gip_test_cnt, 36

	.section	license,"aw",@progbits
	.globl	_license
	.type	_license,@object
_license:
	.asciz	"GPL"
	.size	_license, 4
