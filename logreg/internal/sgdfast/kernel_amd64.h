// Blocks the one-hot kernel's two functions share (kernel_amd64.s).
// A macro is one line to the assembler, so the comments are here.

// KREGS: the registers both functions keep across steps: DI the kernel,
// SI order, R8 pos, R11 index, R12 w, X1 b, X2 lr (Sklearn's steps set
// their kk there).
#define KREGS \
	MOVQ   k+0(FP), DI; \
	MOVQ   ORDER(DI), SI; \
	MOVQ   POS(DI), R8; \
	MOVQ   INDEX(DI), R11; \
	MOVQ   W(DI), R12; \
	VMOVSD B(DI), X1; \
	VMOVSD LR(DI), X2

// ROWAT: the row of order[pos], to bad if there is no such row: AX its
// number, CX and DX its bounds.
#define ROWAT(bad) \
	MOVQ (SI)(R8*8), AX; \
	CMPQ AX, NROWS(DI); \
	JAE  bad; \
	MOVQ ROWPTR(DI), R10; \
	MOVQ (R10)(AX*8), CX; \
	MOVQ 8(R10)(AX*8), DX

// LOOPHEAD: the head of a Torch or Sklearn step, for the logit in X0: to
// stopped at step stopAt, to out for a logit outside (lo, hi) or NaN; y
// into X14. Clobbers AX and R10.
#define LOOPHEAD(stopAt, stopped, lo, hi) \
	CMPQ     R8, stopAt(DI); \
	JAE      stopped; \
	MOVQ     (SI)(R8*8), AX; \
	MOVQ     Y(DI), R10; \
	VMOVSD   (R10)(AX*8), X14; \
	VUCOMISD lo(DI), X0; \
	JBE      out; \
	VUCOMISD hi(DI), X0; \
	JAE      out

// STEPDONE: the step is done: on to the next position and stamp, or to
// out after a next row the kernel does not take (STATUS) or the last.
#define STEPDONE \
	INCQ R8; \
	INCQ BX; \
	CMPQ STATUS(DI), $0; \
	JNE  out; \
	CMPQ R8, N(DI); \
	JAE  out

// NEXTISCUR: the next row's bounds become the current row's. Clobbers CX.
#define NEXTISCUR \
	MOVQ NEXTLO(DI), CX; \
	MOVQ CX, CURLO(DI); \
	MOVQ NEXTHI(DI), CX; \
	MOVQ CX, CURHI(DI)

// EXPCORE: eˣ for x in X6, as expReduce and expTable compute it, arranged
// for the chain z → D, which bounds the loop (28 cycles from z to D,
// against 37 in the formulas' own order). It leaves s = 2^(k/N) in X8 and
// P = r + tail + r₁²·Y in X6, so that eˣ = s·P + s; clobbers X7, X9 to
// X11 and AX.
//  - k·(ln 2/N) comes off x by one FMA, with ln 2/N rounded to a float64
//    (r₁ = x − k·(ln 2/N)), and its rest later; the polynomial's r² and
//    higher terms take r₁, within 10⁻¹³ of r for |x| ≤ expMax, so they
//    move by under an ulp of eˣ.
//  - 2^(k/N) is put together in a vector register, not a general one:
//    x·N/ln 2 + round has k in its low bits, and k·2⁴⁵ added to the
//    table's bits makes s.
//  - Y = 1/2 + r₁/6 + r₁²·(1/24 + r₁/120).
#define EXPCORE \
	VMOVSD       INVLN2N(DI), X7; \
	VFNMADD213SD ROUND(DI), X6, X7; \
	VMOVQ        X7, AX; \
	VPSLLQ       $45, X7, X8; \
	VSUBSD       ROUND(DI), X7, X7; \
	VFNMSUB231SD LN2N(DI), X7, X6; \
	ANDQ         $127, AX; \
	SHLQ         $4, AX; \
	ADDQ         TAB(DI), AX; \
	VPADDQ       (AX), X8, X8; \
	VMULSD       X6, X6, X9; \
	VMOVSD       C6(DI), X10; \
	VFMADD213SD  HALF(DI), X6, X10; \
	VMOVSD       C120(DI), X11; \
	VFMADD213SD  C24(DI), X6, X11; \
	VFMADD231SD  X11, X9, X10; \
	VFNMADD231SD LN2NREST(DI), X7, X6; \
	VADDSD       8(AX), X6, X6; \
	VFMADD231SD  X10, X9, X6

// EXPD: X12 = D = 1 + eˣ for x in X6, the last step one FMA: s·P + (s + 1).
#define EXPD \
	EXPCORE; \
	VADDSD      ONE(DI), X8, X12; \
	VFMADD231SD X6, X8, X12

// NEXTD: Torch's next D = 1 + e^(−K)·e^q, for K in X3 and q in X5
// (X0 = z' = K − q set already): e^(−K) as EXPCORE computes it, and e^q
// by its Taylor polynomial of degree 7 (the first term left out, q⁸/8!,
// is below 10⁻¹⁸ for q ≤ lMax), in three steps of FMAs. Clobbers X6 to
// X11, X13 and AX.
#define NEXTD \
	VMOVAPD      X3, X6; \
	EXPCORE; \
	VFMADD231SD  X6, X8, X8; \
	VADDSD       ONE(DI), X5, X13; \
	VMOVSD       C6(DI), X9; \
	VFMADD213SD  HALF(DI), X5, X9; \
	VMULSD       X5, X5, X10; \
	VFMADD231SD  X9, X10, X13; \
	VMOVSD       C120(DI), X9; \
	VFMADD213SD  C24(DI), X5, X9; \
	VMOVSD       C5040(DI), X11; \
	VFMADD213SD  C720(DI), X5, X11; \
	VFMADD231SD  X11, X10, X9; \
	VMULSD       X10, X10, X10; \
	VFMADD231SD  X9, X10, X13; \
	VMOVSD       ONE(DI), X12; \
	VFMADD231SD  X13, X8, X12

// TSTEP: Torch's step for the sample at R8, with D in X12 and y in
// X14: lr·y into X15, which the next logit takes (after the update);
// −t = lr·y − lr/D into X6, for t = lr·(p − y), as the update adds it
// (exactly −(lr/D − lr·y): t is never 0 for a logit the kernel takes);
// off the chain, D into the outputs, from which the evaluator finds p =
// 1/D, the loss and the running accuracy (bcePart). Clobbers X11 and R10.
#define TSTEP \
	VDIVSD   X12, X2, X11; \
	VMULSD   X14, X2, X15; \
	VSUBSD   X11, X15, X6; \
	MOVQ     P(DI), R10; \
	VMOVSD   X12, (R10)(R8*8)

// SUMROW: X3 = the sum of the weights of a row whose indices end at base,
// CX = its length, negated, counting up to 0; in four partial sums. Its
// labels make it usable once a function. Clobbers X4, X7, X13, AX, R10.
//  - A sum adds with ADDSD, SSE's two-operand form, as the first rows'
//    sums do: with an indexed address it stays one micro-op, where
//    VADDSD's three operands split it in two. SSE costs nothing here: Go's
//    code is SSE, and VEX.128 instructions leave the upper halves of the
//    vector registers clear.
#define SUMROW(base) \
	VXORPD  X3, X3, X3; \
	VXORPD  X4, X4, X4; \
	VXORPD  X7, X7, X7; \
	VXORPD  X13, X13, X13; \
	JMP     kcheck; \
kquad: \
	MOVLQSX (base)(CX*4), AX; \
	MOVLQSX 4(base)(CX*4), R10; \
	ADDSD   (R12)(AX*8), X3; \
	ADDSD   (R12)(R10*8), X4; \
	MOVLQSX 8(base)(CX*4), AX; \
	MOVLQSX 12(base)(CX*4), R10; \
	ADDSD   (R12)(AX*8), X7; \
	ADDSD   (R12)(R10*8), X13; \
	ADDQ    $4, CX; \
kcheck: \
	CMPQ    CX, $-4; \
	JLE     kquad; \
	CMPQ    CX, $-2; \
	JG      kone; \
	MOVLQSX (base)(CX*4), AX; \
	MOVLQSX 4(base)(CX*4), R10; \
	ADDSD   (R12)(AX*8), X3; \
	ADDSD   (R12)(R10*8), X4; \
	ADDQ    $2, CX; \
kone: \
	TESTQ   CX, CX; \
	JEQ     kdone; \
	MOVLQSX -4(base), AX; \
	ADDSD   (R12)(AX*8), X7; \
kdone: \
	VADDSD  X4, X3, X3; \
	VADDSD  X13, X7, X7; \
	VADDSD  X7, X3, X3

// GELEM: one index of the next row, at off(R15)(CX*4), in a pass that
// stamps: its weight added to acc, counted in R9 if this row has it too
// (its stamp is at least BX), stamped R14. Clobbers AX.
#define GELEM(off, acc) \
	MOVLQSX off(R15)(CX*4), AX; \
	ADDSD   (R12)(AX*8), acc; \
	CMPQ    (R13)(AX*8), BX; \
	SBBQ    $-1, R9; \
	MOVQ    R14, (R13)(AX*8)

// CELEM: GELEM checking the index first: in [0, Width), greater than the
// one before (R10, which it becomes), its value, at voff(DX)(CX*8), 1
// (X10); else to nextbad.
#define CELEM(off, voff, acc) \
	MOVLQSX  off(R15)(CX*4), AX; \
	CMPQ     AX, WIDTH(DI); \
	JAE      nextbad; \
	CMPQ     AX, R10; \
	JLE      nextbad; \
	MOVQ     AX, R10; \
	VUCOMISD voff(DX)(CX*8), X10; \
	JNE      nextbad; \
	JPS      nextbad; \
	ADDSD    (R12)(AX*8), acc; \
	CMPQ     (R13)(AX*8), BX; \
	SBBQ     $-1, R9; \
	MOVQ     R14, (R13)(AX*8)

// UPAIR: UPDATEROW's two indices at offa and offb(base)(CX*4), through xa
// and xb: both loaded, both added to, both stored.
#define UPAIR(base, offa, offb, xa, xb) \
	MOVLQSX offa(base)(CX*4), AX; \
	MOVLQSX offb(base)(CX*4), R10; \
	VADDSD  (R12)(AX*8), X6, xa; \
	VADDSD  (R12)(R10*8), X6, xb; \
	VMOVSD  xa, (R12)(AX*8); \
	VMOVSD  xb, (R12)(R10*8)

// UPDATEROW: w −= t (X6 = −t, as −t + w, which is exactly the same) on the
// features of a row whose indices end at base, CX = its length, negated;
// then on to done. Four at a time, as SUMROW: the loop's own instructions
// are as many as a pair's. Its labels make it usable once a function.
// Clobbers X7, X8, X9, X10, AX and R10.
#define UPDATEROW(base, done) \
	JMP     ucheck; \
uquad: \
	UPAIR(base, 0, 4, X7, X8); \
	UPAIR(base, 8, 12, X9, X10); \
	ADDQ    $4, CX; \
ucheck: \
	CMPQ    CX, $-4; \
	JLE     uquad; \
	CMPQ    CX, $-2; \
	JG      uone; \
	UPAIR(base, 0, 4, X7, X8); \
	ADDQ    $2, CX; \
uone: \
	TESTQ   CX, CX; \
	JEQ     done; \
	MOVLQSX -4(base), AX; \
	VADDSD  (R12)(AX*8), X6, X7; \
	VMOVSD  X7, (R12)(AX*8); \
	JMP     done

// NEXTZ: Torch's next logit, for c = x·x' + 1 in X6, A + b in X3 and
// lr·y in X15: with t = lr·p − lr·y, z' = A + b − t·c = K − lr·c/D,
// K = A + b + lr·y·c, into X3. For q = lr·c/D up to lMax it sets X5 = q,
// X0 = z', and the next D can follow from K and q (NEXTD); above, it goes
// to slow, with c in X6 and lr·c in X4.
#define NEXTZ(slow) \
	VFMADD231SD X6, X15, X3; \
	VMULSD      X2, X6, X4; \
	VUCOMISD    LMAX(DI), X4; \
	JA          slow; \
	VDIVSD      X12, X4, X5; \
	VSUBSD      X5, X3, X0
