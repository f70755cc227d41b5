//go:build amd64 && !purego

#include "textflag.h"

// The row loops of the Go steps (rowloops.go), in SSE2, with the same
// operations in the same order: products rounded, then added or
// subtracted, no FMA. See rowloops_amd64.go.

// func dotEvenOddAsm(w *float64, idx *int32, val *float64, n int) (a0, a1 float64)
TEXT ·dotEvenOddAsm(SB), NOSPLIT, $0-48
	MOVQ  w+0(FP), DI
	MOVQ  idx+8(FP), SI
	MOVQ  val+16(FP), DX
	MOVQ  n+24(FP), CX
	XORPS X0, X0
	XORPS X1, X1
	XORQ  AX, AX
	LEAQ  -3(CX), BX // k < n − 3: four more

fours:
	CMPQ    AX, BX
	JGE     pairs
	MOVLQSX (SI)(AX*4), R8
	MOVLQSX 4(SI)(AX*4), R9
	MOVLQSX 8(SI)(AX*4), R10
	MOVLQSX 12(SI)(AX*4), R11
	MOVSD   (DX)(AX*8), X2
	MULSD   (DI)(R8*8), X2
	MOVSD   8(DX)(AX*8), X3
	MULSD   (DI)(R9*8), X3
	MOVSD   16(DX)(AX*8), X4
	MULSD   (DI)(R10*8), X4
	MOVSD   24(DX)(AX*8), X5
	MULSD   (DI)(R11*8), X5
	ADDSD   X2, X0
	ADDSD   X3, X1
	ADDSD   X4, X0
	ADDSD   X5, X1
	ADDQ    $4, AX
	JMP     fours

pairs:
	LEAQ -1(CX), BX // k < n − 1: two more

pair:
	CMPQ    AX, BX
	JGE     last
	MOVLQSX (SI)(AX*4), R8
	MOVLQSX 4(SI)(AX*4), R9
	MOVSD   (DX)(AX*8), X2
	MULSD   (DI)(R8*8), X2
	MOVSD   8(DX)(AX*8), X3
	MULSD   (DI)(R9*8), X3
	ADDSD   X2, X0
	ADDSD   X3, X1
	ADDQ    $2, AX
	JMP     pair

last:
	CMPQ    AX, CX
	JGE     done
	MOVLQSX (SI)(AX*4), R8
	MOVSD   (DX)(AX*8), X2
	MULSD   (DI)(R8*8), X2
	ADDSD   X2, X0

done:
	MOVSD X0, a0+32(FP)
	MOVSD X1, a1+40(FP)
	RET

// func subScaledAsm(w *float64, idx *int32, val *float64, n int, t float64)
TEXT ·subScaledAsm(SB), NOSPLIT, $0-40
	MOVQ  w+0(FP), DI
	MOVQ  idx+8(FP), SI
	MOVQ  val+16(FP), DX
	MOVQ  n+24(FP), CX
	MOVSD t+32(FP), X0
	XORQ  AX, AX
	LEAQ  -1(CX), BX

twos:
	CMPQ    AX, BX
	JGE     one
	MOVLQSX (SI)(AX*4), R8
	MOVLQSX 4(SI)(AX*4), R9
	MOVSD   (DX)(AX*8), X2
	MULSD   X0, X2
	MOVSD   8(DX)(AX*8), X3
	MULSD   X0, X3
	MOVSD   (DI)(R8*8), X4
	SUBSD   X2, X4
	MOVSD   X4, (DI)(R8*8)
	MOVSD   (DI)(R9*8), X5
	SUBSD   X3, X5
	MOVSD   X5, (DI)(R9*8)
	ADDQ    $2, AX
	JMP     twos

one:
	CMPQ    AX, CX
	JGE     end
	MOVLQSX (SI)(AX*4), R8
	MOVSD   (DX)(AX*8), X2
	MULSD   X0, X2
	MOVSD   (DI)(R8*8), X4
	SUBSD   X2, X4
	MOVSD   X4, (DI)(R8*8)

end:
	RET
