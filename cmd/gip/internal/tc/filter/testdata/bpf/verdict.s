# verdict.s: the smallest classifier, for gip's tests. In section
# "classifier" it returns TC_ACT_OK (0); in section "drop" it returns
# TC_ACT_SHOT (2). Assemble with:
#   llvm-mc -triple bpf -filetype=obj -o verdict.o verdict.s
	.text
	.section	classifier,"ax",@progbits
	.globl	cls_main
	.type	cls_main,@function
cls_main:
	r0 = 0
	exit
.Lcls_main_end:
	.size	cls_main, .Lcls_main_end-cls_main

	.section	drop,"ax",@progbits
	.globl	cls_drop
	.type	cls_drop,@function
cls_drop:
	r0 = 2
	exit
.Lcls_drop_end:
	.size	cls_drop, .Lcls_drop_end-cls_drop

	.section	license,"aw",@progbits
	.globl	_license
	.type	_license,@object
_license:
	.asciz	"GPL"
	.size	_license, 4
