# action.s: the smallest programs for gip's tests of the bpf action. In
# section "action" (the action's default) it returns TC_ACT_SHOT (2); in
# section "ok" it returns TC_ACT_OK (0). Assemble with:
#   llvm-mc -triple bpf -filetype=obj -o action.o action.s
	.text
	.section	action,"ax",@progbits
	.globl	act_drop
	.type	act_drop,@function
act_drop:
	r0 = 2
	exit
.Lact_drop_end:
	.size	act_drop, .Lact_drop_end-act_drop

	.section	ok,"ax",@progbits
	.globl	act_ok
	.type	act_ok,@function
act_ok:
	r0 = 0
	exit
.Lact_ok_end:
	.size	act_ok, .Lact_ok_end-act_ok

	.section	license,"aw",@progbits
	.globl	_license
	.type	_license,@object
_license:
	.asciz	"GPL"
	.size	_license, 4
