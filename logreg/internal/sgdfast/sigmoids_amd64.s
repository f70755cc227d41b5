//go:build amd64 && !purego

#include "textflag.h"
#include "sigma_amd64.h"

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

// Registers: AX the position, CX where the fours end, DI q, SI m, and
// SIGMA4's (sigma_amd64.h). clippedq_amd64.s's notes on operand order and
// NaN's hold here.

// func sigmoidsAsm(q, m []float64)
TEXT ·sigmoidsAsm(SB), NOSPLIT, $32-48
	MOVQ    q_base+0(FP), DI
	MOVQ    m_base+24(FP), SI
	MOVQ    m_len+32(FP), CX
	ANDQ    $-4, CX
	SIGMA4INIT
	XORQ    AX, AX
	JMP     check

loop:
	VMOVUPD (SI)(AX*8), Y1
	SIGMA4
	VMOVUPD Y6, (DI)(AX*8)
	ADDQ    $4, AX

check:
	CMPQ       AX, CX
	JB         loop
	VZEROUPPER
	RET
