//go:build amd64 && !purego

#include "textflag.h"

// sigmoidsAsm: see sigmoids_amd64.go. Offsets into clippedQK, whose
// constants it shares:
#define SIGN 0
#define MASK 32
#define EXPLO 64
#define EXPHI 96
#define INVLN2N 128
#define ROUND 160
#define LN2HI 192
#define LN2LO 224
#define HALF 256
#define SIXTH 288
#define INV24 320
#define INV120 352
#define ONE 384

// Registers: AX the position, CX where the fours end, DI q, SI m, R11
// expTab, R9 and R12 to R14 four table offsets; Y11 1, Y12 and Y13 the
// bounds of x. The steps are clippedQAsm's, whose notes on operand order
// and NaN's hold here.

// func sigmoidsAsm(q, m []float64)
TEXT ·sigmoidsAsm(SB), NOSPLIT, $32-48
	MOVQ    q_base+0(FP), DI
	MOVQ    m_base+24(FP), SI
	MOVQ    m_len+32(FP), CX
	ANDQ    $-4, CX
	LEAQ    ·expTab(SB), R11
	VMOVUPD ·clippedQK+ONE(SB), Y11
	VMOVUPD ·clippedQK+EXPLO(SB), Y12
	VMOVUPD ·clippedQK+EXPHI(SB), Y13
	XORQ    AX, AX
	JMP     check

loop:
	// x = expArg(m), then expReduce: Y1 = r, Y2 = the bits of kd, k.
	VMOVUPD (SI)(AX*8), Y1
	VXORPD  ·clippedQK+SIGN(SB), Y1, Y1
	VMAXPD  Y1, Y12, Y1
	VMINPD  Y1, Y13, Y1
	VMULPD  ·clippedQK+INVLN2N(SB), Y1, Y2
	VADDPD  ·clippedQK+ROUND(SB), Y2, Y2
	VSUBPD  ·clippedQK+ROUND(SB), Y2, Y3
	VMULPD  ·clippedQK+LN2HI(SB), Y3, Y4
	VSUBPD  Y4, Y1, Y1
	VMULPD  ·clippedQK+LN2LO(SB), Y3, Y3
	VSUBPD  Y3, Y1, Y1

	// expTable: the entries of k mod N, through the stack, unpacked into
	// Y4 = bits, Y6 = tail; then Y2 = scale.
	VPAND       ·clippedQK+MASK(SB), Y2, Y3
	VPSLLQ      $4, Y3, Y3
	VMOVDQU     Y3, tmp-32(SP)
	MOVQ        tmp-32(SP), R12
	MOVQ        tmp-24(SP), R13
	MOVQ        tmp-16(SP), R14
	MOVQ        tmp-8(SP), R9
	VMOVDQU     (R11)(R12*1), X5
	VINSERTI128 $1, (R11)(R14*1), Y5, Y5
	VMOVDQU     (R11)(R13*1), X6
	VINSERTI128 $1, (R11)(R9*1), Y6, Y6
	VPUNPCKLQDQ Y6, Y5, Y4
	VPUNPCKHQDQ Y6, Y5, Y6
	VPSLLQ      $45, Y2, Y2
	VPADDQ      Y4, Y2, Y2

	// (r + tail) + r²·(1/2 + r/6) + (r²·r²)·(1/24 + r/120), in Y6.
	VMULPD Y1, Y1, Y3
	VADDPD Y6, Y1, Y6
	VMULPD ·clippedQK+SIXTH(SB), Y1, Y4
	VADDPD ·clippedQK+HALF(SB), Y4, Y4
	VMULPD Y4, Y3, Y4
	VADDPD Y4, Y6, Y6
	VMULPD Y3, Y3, Y3
	VMULPD ·clippedQK+INV120(SB), Y1, Y4
	VADDPD ·clippedQK+INV24(SB), Y4, Y4
	VMULPD Y4, Y3, Y3
	VADDPD Y3, Y6, Y6

	// σ = 1/(1 + (scale + scale·poly)).
	VMULPD  Y6, Y2, Y6
	VADDPD  Y6, Y2, Y6
	VADDPD  Y11, Y6, Y6
	VDIVPD  Y6, Y11, Y6
	VMOVUPD Y6, (DI)(AX*8)
	ADDQ    $4, AX

check:
	CMPQ       AX, CX
	JB         loop
	VZEROUPPER
	RET
