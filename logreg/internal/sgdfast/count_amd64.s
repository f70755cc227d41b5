//go:build amd64 && !purego

#include "textflag.h"

// countOnesAsm: see count_amd64.go. Offsets into the countArgs at DI:
#define W 0
#define WIDTH 8
#define B 16
#define FROM 24
#define ONE 32
#define ROWPTR 40
#define INDEX 48
#define NNZ 56
#define LABEL 64
#define N 72
#define POS 80
#define PREDPOS 88
#define WRONG 96
#define BAD 104
#define TRUSTED 112
#define Z 120

// Registers: R8 the row, CX and DX its bounds, R12 w, R11 index, R10
// rowPtr, R13 label, R9 n; BX, SI, R14 the counts; X0 the sum, X1 b,
// X2 the threshold, X3 1.

// func countOnesAsm(a *countArgs)
TEXT ·countOnesAsm(SB), NOSPLIT, $0-8
	MOVQ  a+0(FP), DI
	MOVQ  W(DI), R12
	MOVQ  ROWPTR(DI), R10
	MOVQ  INDEX(DI), R11
	MOVQ  LABEL(DI), R13
	MOVQ  N(DI), R9
	XORQ  R8, R8
	XORQ  BX, BX
	XORQ  SI, SI
	XORQ  R14, R14
	MOVSD B(DI), X1
	MOVSD FROM(DI), X2
	MOVSD ONE(DI), X3
	MOVQ  (R10), CX

row:
	CMPQ R8, R9
	JAE  done
	MOVQ 8(R10)(R8*8), DX
	CMPQ CX, DX
	JA   bad
	CMPQ DX, NNZ(DI)
	JA   bad
	XORPS X0, X0
	// R15 = &index[hi], AX = lo − hi counts up to 0.
	LEAQ (R11)(DX*4), R15
	MOVQ CX, AX
	SUBQ DX, AX
	CMPQ TRUSTED(DI), $0
	JNE  tcheck
	JMP  check

pair:
	MOVLQSX (R15)(AX*4), CX
	CMPQ    CX, WIDTH(DI)
	JAE     bad
	ADDSD   (R12)(CX*8), X0
	MOVLQSX 4(R15)(AX*4), CX
	CMPQ    CX, WIDTH(DI)
	JAE     bad
	ADDSD   (R12)(CX*8), X0
	ADDQ    $2, AX

check:
	CMPQ    AX, $-2
	JLE     pair
	TESTQ   AX, AX
	JEQ     sum
	MOVLQSX -4(R15), CX
	CMPQ    CX, WIDTH(DI)
	JAE     bad
	ADDSD   (R12)(CX*8), X0

sum:
	// positive = z + b ≥ threshold, truth = y = 1 (false for NaN, as in
	// Go); then the counts, without a branch on either. z + b goes out
	// too if there is somewhere to put it.
	ADDSD   X1, X0
	MOVQ    Z(DI), AX
	TESTQ   AX, AX
	JEQ     counts
	MOVSD   X0, (AX)(R8*8)

counts:
	XORL    AX, AX
	XORL    CX, CX
	XORL    R15, R15
	UCOMISD X2, X0
	SETCC   AX
	MOVSD   (R13)(R8*8), X4
	UCOMISD X3, X4
	SETEQ   CX
	SETPC   R15
	ANDL    R15, CX
	ADDQ    CX, BX
	ADDQ    AX, SI
	XORL    CX, AX
	ADDQ    AX, R14
	MOVQ    DX, CX
	INCQ    R8
	JMP     row

	// Rows whose indices are known to be in [0, width): four at a time,
	// unchecked.
tquad:
	MOVLQSX (R15)(AX*4), CX
	ADDSD   (R12)(CX*8), X0
	MOVLQSX 4(R15)(AX*4), CX
	ADDSD   (R12)(CX*8), X0
	MOVLQSX 8(R15)(AX*4), CX
	ADDSD   (R12)(CX*8), X0
	MOVLQSX 12(R15)(AX*4), CX
	ADDSD   (R12)(CX*8), X0
	ADDQ    $4, AX

tcheck:
	CMPQ    AX, $-4
	JLE     tquad

trest:
	TESTQ   AX, AX
	JEQ     sum
	MOVLQSX (R15)(AX*4), CX
	ADDSD   (R12)(CX*8), X0
	INCQ    AX
	JMP     trest

done:
	MOVQ BX, POS(DI)
	MOVQ SI, PREDPOS(DI)
	MOVQ R14, WRONG(DI)
	RET

bad:
	MOVQ $1, BAD(DI)
	RET
