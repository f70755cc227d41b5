// The block clippedq_amd64.s and sigmoids_amd64.s share: σ of four values
// in AVX2, as Go computes 1/(1 + expFast(expArg(z))). A macro is one line
// to the assembler, so the comments are here.
//
// SIGMA4INIT: what SIGMA4 reads from registers, R11 = expTab, Y11 = 1 and
// Y12, Y13 = ∓expMax, from clippedQK at the offsets the including file
// names.
#define SIGMA4INIT \
	LEAQ    ·expTab(SB), R11; \
	VMOVUPD ·clippedQK+ONE(SB), Y11; \
	VMOVUPD ·clippedQK+EXPLO(SB), Y12; \
	VMOVUPD ·clippedQK+EXPHI(SB), Y13

// SIGMA4: Y6 = σ(Y1), each lane rounded as Go rounds it, after
// SIGMA4INIT, with clippedQK's constants at the offsets the including file
// names. First x = expArg(z), then expReduce
// (Y1 = r, Y2 = the bits of kd, k); expTable's entries of k mod N, through
// the 32 bytes of the frame at tmp-32(SP) into R12, R13, R14 and R9, two
// to a register, unpacked into Y4 = bits and Y6 = tail, then Y2 = scale;
// the polynomial (r + tail) + r²·(1/2 + r/6) + (r²·r²)·(1/24 + r/120) into
// Y6; and 1/(1 + (scale + scale·poly)). Clobbers Y1 to Y5, R9 and R12 to
// R14.
#define SIGMA4 \
	VXORPD      ·clippedQK+SIGN(SB), Y1, Y1; \
	VMAXPD      Y1, Y12, Y1; \
	VMINPD      Y1, Y13, Y1; \
	VMULPD      ·clippedQK+INVLN2N(SB), Y1, Y2; \
	VADDPD      ·clippedQK+ROUND(SB), Y2, Y2; \
	VSUBPD      ·clippedQK+ROUND(SB), Y2, Y3; \
	VMULPD      ·clippedQK+LN2HI(SB), Y3, Y4; \
	VSUBPD      Y4, Y1, Y1; \
	VMULPD      ·clippedQK+LN2LO(SB), Y3, Y3; \
	VSUBPD      Y3, Y1, Y1; \
	VPAND       ·clippedQK+MASK(SB), Y2, Y3; \
	VPSLLQ      $4, Y3, Y3; \
	VMOVDQU     Y3, tmp-32(SP); \
	MOVQ        tmp-32(SP), R12; \
	MOVQ        tmp-24(SP), R13; \
	MOVQ        tmp-16(SP), R14; \
	MOVQ        tmp-8(SP), R9; \
	VMOVDQU     (R11)(R12*1), X5; \
	VINSERTI128 $1, (R11)(R14*1), Y5, Y5; \
	VMOVDQU     (R11)(R13*1), X6; \
	VINSERTI128 $1, (R11)(R9*1), Y6, Y6; \
	VPUNPCKLQDQ Y6, Y5, Y4; \
	VPUNPCKHQDQ Y6, Y5, Y6; \
	VPSLLQ      $45, Y2, Y2; \
	VPADDQ      Y4, Y2, Y2; \
	VMULPD      Y1, Y1, Y3; \
	VADDPD      Y6, Y1, Y6; \
	VMULPD      ·clippedQK+SIXTH(SB), Y1, Y4; \
	VADDPD      ·clippedQK+HALF(SB), Y4, Y4; \
	VMULPD      Y4, Y3, Y4; \
	VADDPD      Y4, Y6, Y6; \
	VMULPD      Y3, Y3, Y3; \
	VMULPD      ·clippedQK+INV120(SB), Y1, Y4; \
	VADDPD      ·clippedQK+INV24(SB), Y4, Y4; \
	VMULPD      Y4, Y3, Y3; \
	VADDPD      Y3, Y6, Y6; \
	VMULPD      Y6, Y2, Y6; \
	VADDPD      Y6, Y2, Y6; \
	VADDPD      Y11, Y6, Y6; \
	VDIVPD      Y6, Y11, Y6
