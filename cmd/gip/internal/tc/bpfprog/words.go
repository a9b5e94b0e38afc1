package bpfprog

import (
	"fmt"
	"strings"

	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// BytecodeWord is classic bytecode as "bytecode" reads it: the number of
// instructions, then each as "CODE JT JF K", separated by commas.
func BytecodeWord(ops []rtnl.SockFilter) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d", len(ops))
	for _, op := range ops {
		fmt.Fprintf(&b, ",%d %d %d %d", op.Code, op.Jt, op.Jf, op.K)
	}
	return b.String()
}
