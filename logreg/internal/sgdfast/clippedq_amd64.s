//go:build amd64 && !purego

#include "textflag.h"
#include "sigma_amd64.h"

// clippedQAsm: see clippedq_amd64.go. Offsets into clippedQK:
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
#define CLIPLO 416
#define CLIPHI 448

// Registers: AX the position, CX where the fours end, DI q, SI z, DX reg,
// R8 y, BX len(y), R10 order, R11 expTab, R9 and R12 to R14 four indices;
// X0 the sum of reg; Y11 1, Y12 to Y15 the bounds of x and of q. Y1 to Y8
// hold the four samples' values.
//
// Go's assembler takes operands the other way round from Intel's: VSUBPD
// Y4, Y1, Y5 is Y5 = Y1 − Y4. Of two NaN operands x86 returns the middle
// one's (Intel's first source), so where Go's code can meet two NaN's,
// the middle operand is the one Go's compiled code has first, and a NaN
// comes out with the same bits. VMAXPD a, b, c is c = b > a ? b : a,
// which is a when either is NaN: with a the value and b the bound, it is
// Go's "if a < b { a = b }", NaN kept; VMINPD likewise.
//
// The table entries and the labels are loaded one by one: gathers took
// longer here, for four loads each.

// func clippedQAsm(q, z, reg, y []float64, order []int) (regSum float64, ok bool)
TEXT ·clippedQAsm(SB), NOSPLIT, $32-129
	MOVQ    q_base+0(FP), DI
	MOVQ    z_base+24(FP), SI
	MOVQ    reg_base+48(FP), DX
	MOVQ    y_base+72(FP), R8
	MOVQ    y_len+80(FP), BX
	MOVQ    order_base+96(FP), R10
	MOVQ    order_len+104(FP), CX
	ANDQ    $-4, CX
	SIGMA4INIT
	VMOVUPD ·clippedQK+CLIPLO(SB), Y14
	VMOVUPD ·clippedQK+CLIPHI(SB), Y15
	VXORPD  X0, X0, X0
	XORQ    AX, AX
	JMP     check

loop:
	// The labels first, so that an index outside y stops the loop before
	// anything of the four is stored. Y8 = y[order[pos]].
	MOVQ        (R10)(AX*8), R12
	MOVQ        8(R10)(AX*8), R13
	MOVQ        16(R10)(AX*8), R14
	MOVQ        24(R10)(AX*8), R9
	CMPQ        R12, BX
	JAE         bad
	CMPQ        R13, BX
	JAE         bad
	CMPQ        R14, BX
	JAE         bad
	CMPQ        R9, BX
	JAE         bad
	VMOVSD      (R8)(R12*8), X8
	VMOVHPD     (R8)(R13*8), X8, X8
	VMOVSD      (R8)(R14*8), X7
	VMOVHPD     (R8)(R9*8), X7, X7
	VINSERTF128 $1, X7, Y8, Y8

	// p = σ(z), in Y6.
	VMOVUPD (SI)(AX*8), Y1
	SIGMA4

	// q = p·y + (1−p)·(1−y), in the order of Go's code, y·p and
	// (1−y)·(1−p) (a NaN label's NaN wins over a NaN p), clipped.
	VMULPD  Y6, Y8, Y3
	VSUBPD  Y6, Y11, Y6
	VSUBPD  Y8, Y11, Y8
	VMULPD  Y6, Y8, Y8
	VADDPD  Y8, Y3, Y3
	VMAXPD  Y3, Y14, Y3
	VMINPD  Y3, Y15, Y3
	VMOVUPD Y3, (DI)(AX*8)

	// reg, one at a time into the one sum, as Go adds them.
	VADDSD (DX)(AX*8), X0, X0
	VADDSD 8(DX)(AX*8), X0, X0
	VADDSD 16(DX)(AX*8), X0, X0
	VADDSD 24(DX)(AX*8), X0, X0
	ADDQ   $4, AX

check:
	CMPQ       AX, CX
	JB         loop
	VZEROUPPER
	MOVSD      X0, regSum+120(FP)
	MOVB       $1, ok+128(FP)
	RET

bad:
	VZEROUPPER
	MOVQ $0, regSum+120(FP)
	MOVB $0, ok+128(FP)
	RET
