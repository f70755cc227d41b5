//go:build amd64 && !purego

#include "textflag.h"
#include "kernel_amd64.h"

// onehotSteps: see kernel.go. Offsets into the onehotKernel at DI:
#define ORDER 0
#define N 8
#define ROWPTR 16
#define NROWS 24
#define INDEX 32
#define NNZ 40
#define W 48
#define WIDTH 56
#define STAMP 64
#define Y 72
#define P 80
#define TAB 88
#define LR 96
#define B 104
#define POS 112
#define GEN 120
#define STATUS 128
#define CURLO 136
#define CURHI 144
#define NEXTLO 152
#define NEXTHI 160
#define VALUE 168
#define CHECK 176
#define LOOP 184
#define ZOUT 192
#define REGOUT 200
#define SCALE 208
#define SUMU2 216
#define VB 224
#define SHRINK 232
#define M 240
#define KEEP 248
#define LAMBDAB 256
#define HALFLAMBDA 264
#define MINSCALE 272
#define B0 280
#define NEGLIMIT 288
#define LIMIT 296
#define SIGN 304
#define INVLN2N 320
#define ROUND 328
#define LN2N 336
#define LN2NREST 344
#define C6 352
#define HALF 360
#define C120 368
#define C24 376
#define ONE 384
#define NEGEXPMAX 392
#define EXPMAX 400
#define SHARED 408
#define SHAREMODE 416
#define C720 424
#define C5040 432
#define LMAX 440
#define STOP 448
#define RESUME 456
#define ZSAVED 464
#define DSAVED 472
#define DKNOWN 480
#define RATES 488
#define CALLEND 496
#define AVG 504
#define AVGBIAS 512
#define NEGMARGIN 520
#define MARGIN 528
#define RATEOF 536
#define ETA0 544
#define ALPHA 552
#define T0 560
#define DECAY 568
#define ETASAFE 576
#define RESETSCALE 584
#define AVERAGEFROM 592
#define T 600
#define AVGA 608
#define AVGB 616
#define DS 624
#define AVGAPREV 632
#define MU 640

// Registers across steps: DI the kernel, SI order, R8 pos, R11 index,
// R12 w, R13 stamp, BX the current row's stamp; X0 the current sample's
// w·x (Torch: plus b; Sklearn: its logit), X1 b, X2 lr (Sklearn: the
// step's kk, from its head on); in Torch's loop head, R9 says whether X12
// holds D for that z already. Within a step: X5 t (NumPy) or avgA·cu
// (Sklearn), X6 −t for the update (Sklearn: cu), X14 y; R9 counts x·x'
// in next, then holds Sklearn's avg (nil for the others) from update to
// snext. LOOP is 0 for Torch, 1 for NumPy and 2 for Sklearn
// (loopSklearn). The blocks both functions run are macros
// (kernel_amd64.h).

// func onehotSteps(k *onehotKernel)
TEXT ·onehotSteps(SB), NOSPLIT, $0-8
	KREGS
	MOVQ STAMP(DI), R13
	MOVQ GEN(DI), BX

	// The row of order[pos]: check it all, stamp it, and sum its weights.
	ROWAT(bad)
	CMPQ CX, DX
	JA   bad
	CMPQ DX, NNZ(DI)
	JA   bad
	MOVQ   CX, CURLO(DI)
	MOVQ   DX, CURHI(DI)
	INCQ   BX
	VXORPD X0, X0, X0
	MOVQ   VALUE(DI), R15
	VMOVSD ONE(DI), X13
	MOVQ   $-1, R10             // the previous index

first:
	CMPQ     CX, DX
	JAE      firstdone
	MOVLQSX  (R11)(CX*4), AX
	CMPQ     AX, WIDTH(DI)
	JAE      bad
	CMPQ     AX, R10
	JLE      bad                // not increasing
	MOVQ     AX, R10
	VUCOMISD (R15)(CX*8), X13
	JNE      bad                // a value other than 1
	JPS      bad
	ADDSD    (R12)(AX*8), X0
	MOVQ     BX, (R13)(AX*8)
	INCQ     CX
	JMP      first

firstdone:
	CMPQ   LOOP(DI), $0
	JNE    mfirst
	VADDSD X1, X0, X0           // Torch's z = w·x + b
	XORL   R9, R9               // and no D for it yet,
	CMPQ   RESUME(DI), $0       // unless a stop at pos saved them
	JEQ    loop
	MOVQ   $0, RESUME(DI)
	VMOVSD ZSAVED(DI), X0
	VMOVSD DSAVED(DI), X12
	MOVQ   DKNOWN(DI), R9
	JMP    loop

mfirst:
	CMPQ   LOOP(DI), $2         // loopSklearn
	JEQ    sfirst
	VMOVSD SCALE(DI), X9
	VMULSD X0, X9, X4
	VADDSD X1, X4, X4           // NumPy's z = b + scale·u·x

loop:
	CMPQ   LOOP(DI), $0
	JNE    mloop

tloop:
	// Torch: at stop, z, D and whether D is known are saved for the
	// call that resumes there; outside (−fastLogit, fastLogit), or NaN,
	// the Go step takes over.
	LOOPHEAD(STOP, tstop, NEGLIMIT, LIMIT)
	TESTL    R9, R9
	JNE      tstep              // D is known already: e^(−K)·e^q
	VMOVAPD  X0, X6
	JMP      exp

mloop:
	// NumPy: a scale below minScale is folded back by the Go loop
	// first, and a logit z = b + scale·u·x (X4) outside (−expMax,
	// expMax), or NaN, is stepped there.
	CMPQ        LOOP(DI), $2 // loopSklearn
	JEQ         sloop
	MOVQ        (SI)(R8*8), AX
	MOVQ        Y(DI), R10
	VMOVSD      (R10)(AX*8), X14 // y
	VMOVSD      SCALE(DI), X9
	VUCOMISD    MINSCALE(DI), X9
	JB          out
	VMOVAPD     X4, X6
	VUCOMISD    NEGEXPMAX(DI), X6
	JBE         out
	VUCOMISD    EXPMAX(DI), X6
	JAE         out

exp:
	// X12 = D = 1 + eˣ for x = −z (z in X6).
	EXPD
	CMPQ LOOP(DI), $0
	JNE  mstep

tstep:
	// Torch: t, lr·y, and p.
	TSTEP
	JMP next

mstep:
	// NumPy: res = p − y; the bias and its velocity; the scale;
	// t = res·lr/scale; off the chain, ‖u‖² and the logit and penalty
	// after the step, for the loss. D stays in X12 for the next logit.
	CMPQ         LOOP(DI), $2 // loopSklearn
	JEQ          sstep
	VMOVSD       ONE(DI), X15
	VDIVSD       X12, X15, X15
	VSUBSD       X14, X15, X15       // res
	VMOVSD       LAMBDAB(DI), X10
	VMULSD       X1, X10, X13
	VMOVSD       VB(DI), X11
	VMULSD       M(DI), X11, X11
	VMOVAPD      X11, X6
	VFNMADD231SD KEEP(DI), X13, X6
	VMOVAPD      X1, X13
	VFMADD231SD  X2, X6, X13         // B0 = b + lr·(m·vb − keep·λ·b), b' without res
	VMOVSD       X13, B0(DI)
	VFMADD213SD  X15, X1, X10        // gb = res + λ·b
	VFNMADD231SD KEEP(DI), X10, X11  // vb = m·vb − keep·gb
	VMOVSD       X11, VB(DI)
	VFMADD231SD  X2, X11, X1         // b += lr·vb
	VMOVSD       SCALE(DI), X9
	VMULSD       SHRINK(DI), X9, X9  // scale·c
	VMOVSD       X9, SCALE(DI)
	VDIVSD       X9, X2, X11
	VMULSD       X11, X15, X5        // t
	MOVQ         CURHI(DI), AX
	SUBQ         CURLO(DI), AX
	VXORPD       X6, X6, X6
	CVTSQ2SD     AX, X6              // ‖x‖², the row's length
	VMULSD       X6, X5, X13         // t·‖x‖²
	VMULSD       X13, X5, X10
	VADDSD       X5, X5, X11
	VMULSD       X0, X11, X11
	VSUBSD       X11, X10, X10
	VADDSD       SUMU2(DI), X10, X10
	VMOVSD       X10, SUMU2(DI)      // ‖u‖² += t²·‖x‖² − 2t·u·x
	VSUBSD       X13, X0, X11
	VMULSD       X9, X11, X11
	VADDSD       X1, X11, X11
	MOVQ         ZOUT(DI), R10
	VMOVSD       X11, (R10)(R8*8)    // z = b + scale·(u·x − t·‖x‖²)
	VMULSD       X9, X9, X11
	VMULSD       HALFLAMBDA(DI), X11, X11
	VMULSD       X10, X11, X11
	MOVQ         REGOUT(DI), R10
	VMOVSD       X11, (R10)(R8*8)    // (λ/2)·scale²·‖u‖²
	VXORPD       SIGN(DI), X5, X6    // −t, as the update adds it

next:
	// The next row, unless this is the last: check its bounds, and sum
	// its weights before this step's update (A), counting the features
	// this row shares with it (R9, then as a float64 into X4) and
	// stamping them. A pass that reads x·x' (known) has the order, and so
	// the rows, of a whole pass that checked them, and checks nothing
	// again.
	LEAQ   1(R8), AX
	CMPQ   AX, N(DI)
	JAE    update
	MOVQ   (SI)(AX*8), AX
	MOVQ   ROWPTR(DI), R10
	CMPQ   SHAREMODE(DI), $2    // shareRead
	JEQ    known
	CMPQ   AX, NROWS(DI)
	JAE    nextbad
	MOVQ   (R10)(AX*8), CX
	MOVQ   8(R10)(AX*8), DX
	CMPQ   CX, DX
	JA     nextbad
	CMPQ   DX, NNZ(DI)
	JA     nextbad
	MOVQ   CX, NEXTLO(DI)
	MOVQ   DX, NEXTHI(DI)
	LEAQ   1(BX), R14           // the next row's stamp
	XORL   R9, R9
	VXORPD X3, X3, X3
	VXORPD X4, X4, X4
	VXORPD X7, X7, X7
	VXORPD X13, X13, X13

	// R15 = &index[hi'], CX = lo' − hi' counts up to 0. The weights are
	// summed as SUMROW sums them, in the same four partial sums, so that
	// A has the same bits whether a pass records x·x' or reads it.
	LEAQ (R11)(DX*4), R15
	CMPQ CHECK(DI), $0
	JNE  checked
	SUBQ DX, CX
	JMP  gcheck

gquad:
	GELEM(0, X3)
	GELEM(4, X4)
	GELEM(8, X7)
	GELEM(12, X13)
	ADDQ $4, CX

gcheck:
	CMPQ CX, $-4
	JLE  gquad
	CMPQ CX, $-2
	JG   gone
	GELEM(0, X3)
	GELEM(4, X4)
	ADDQ $2, CX

gone:
	TESTQ CX, CX
	JEQ   gathered
	GELEM(0, X7)
	JMP   gathered

checked:
	// As gquad to gone, checking each index (CELEM).
	MOVQ   VALUE(DI), AX
	LEAQ   (AX)(DX*8), DX       // &value[hi']
	SUBQ   NEXTHI(DI), CX
	VMOVSD ONE(DI), X10
	MOVQ   $-1, R10
	JMP    ccheck

cquad:
	CELEM(0, 0, X3)
	CELEM(4, 8, X4)
	CELEM(8, 16, X7)
	CELEM(12, 24, X13)
	ADDQ $4, CX

ccheck:
	CMPQ CX, $-4
	JLE  cquad
	CMPQ CX, $-2
	JG   cone
	CELEM(0, 0, X3)
	CELEM(4, 8, X4)
	ADDQ $2, CX

cone:
	TESTQ CX, CX
	JEQ   gathered
	CELEM(0, 0, X7)

gathered:
	VADDSD   X4, X3, X3
	VADDSD   X13, X7, X7
	VADDSD   X7, X3, X3         // A = w·x', before the update
	VXORPD   X4, X4, X4
	CVTSQ2SD R9, X4             // x·x' as a float64, as the steps take it
	CMPQ     SHAREMODE(DI), $1  // shareRecord
	JNE      update
	MOVQ     SHARED(DI), AX
	VMOVSD   X4, (AX)(R8*8)
	JMP      update

known:
	// As gquad to gone, with x·x' recorded by an earlier pass.
	MOVQ    (R10)(AX*8), CX
	MOVQ    8(R10)(AX*8), DX
	MOVQ    CX, NEXTLO(DI)
	MOVQ    DX, NEXTHI(DI)
	LEAQ    (R11)(DX*4), R15
	SUBQ    DX, CX
	SUMROW(R15)
	MOVQ    SHARED(DI), AX
	VMOVSD  (AX)(R8*8), X4
	JMP     update

nextbad:
	// This step still completes; the caller takes the next row.
	MOVQ $1, STATUS(DI)

update:
	MOVQ   CURLO(DI), CX
	MOVQ   CURHI(DI), DX
	LEAQ   (R11)(DX*4), R15
	SUBQ   DX, CX
	MOVQ   AVG(DI), R9          // Sklearn's average, or nil (as for Torch and NumPy)
	TESTQ  R9, R9
	JNE    savgrow
	UPDATEROW(R15, updated)

savgrow:
	// Sklearn, averaging: w += cu and avg −= avgA·cu, in one pass over
	// the row's indices.
	TESTQ CX, CX
	JEQ   updated

sboth:
	MOVLQSX (R15)(CX*4), AX
	VADDSD  (R12)(AX*8), X6, X7
	VMOVSD  X7, (R12)(AX*8)
	VMOVSD  (R9)(AX*8), X8
	VSUBSD  X5, X8, X8
	VMOVSD  X8, (R9)(AX*8)
	INCQ    CX
	JNE     sboth

updated:
	CMPQ   LOOP(DI), $0
	JNE    mupdated
	VADDSD X1, X3, X3           // Torch: A + b, with b before its update
	VADDSD X6, X1, X1           // b − t
	VADDSD ONE(DI), X4, X6      // and x·x' + 1 for the bias
	STEPDONE

	// The next sample's logit, and its row becomes this one. For q =
	// lr·c/D up to lMax, the next D without waiting for z': e^(−z') =
	// e^(−K)·e^q, where e^(−K) waits only for K and e^q is a polynomial,
	// so that D' comes 30 cycles after D, not 46.
	NEXTZ(tslow)
	MOVL         $1, R9
	NEXTD
	JMP          tadvance

tslow:
	// lr·c above lMax: z' = K − c·(lr/D), and D from it at the loop's head.
	VFNMADD231SD X6, X11, X3
	VMOVAPD      X3, X0
	XORL         R9, R9

tadvance:
	NEXTISCUR
	JMP          tloop

mupdated:
	// NumPy: the next sample's logit and sum, and its row becomes
	// this one; c = x·x'.
	CMPQ         LOOP(DI), $2 // loopSklearn
	JEQ          snext
	STEPDONE
	VMOVAPD      X4, X6

mnext:
	// NumPy's next logit, one division after D: with res = 1/D − y
	// and scale'·t = lr·res, z' = b' + scale'·(A − t·c) = B0 + scale'·A −
	// res·L = (B0 + scale'·A + y·L) − L/D, for L = lr·(keep + c).
	VMOVSD       SCALE(DI), X9
	VMOVSD       B0(DI), X4
	VFMADD231SD  X3, X9, X4
	VADDSD       KEEP(DI), X6, X10
	VMULSD       X2, X10, X10
	VFMADD231SD  X10, X14, X4
	VDIVSD       X12, X10, X10
	VSUBSD       X10, X4, X4
	VFNMADD231SD X6, X5, X3
	VMOVAPD      X3, X0              // u·x' = A − t·c

	NEXTISCUR
	JMP          mloop

sfirst:
	// Sklearn: the first logit, z = scale·(w·x) + b, as applySteps
	// computes it. X0 holds z from here on.
	VMULSD SCALE(DI), X0, X0
	VADDSD X1, X0, X0

sloop:
	// Sklearn: at the call's end, or for a logit outside (−marginCut,
	// marginCut) or NaN, back to Go.
	LOOPHEAD(CALLEND, out, NEGMARGIN, MARGIN)

	// The schedule, as advance moves it: η (X9) by RATEOF, to out for η
	// above etaSafe or a scale to fold back; then the scale after the
	// step, kk = η/scale' (X2, for sstep and snext), ds and, averaging,
	// μ, avgA before the step, and the average's coefficients after it.
	// None of it waits for the logit.
	MOVQ    RATEOF(DI), AX
	CMPQ    AX, $1
	JEQ     soptimal
	CMPQ    AX, $2
	JEQ     sinvsqrt
	CMPQ    AX, $3
	JEQ     sahead
	VMOVSD  ETA0(DI), X9
	JMP     srate

soptimal:
	VMOVSD  T0(DI), X9
	VADDSD  T(DI), X9, X9
	VSUBSD  ONE(DI), X9, X9
	VMULSD  ALPHA(DI), X9, X9
	VMOVSD  ONE(DI), X10
	VDIVSD  X9, X10, X9  // 1/(α·(t₀ + t − 1))
	JMP     srate

sinvsqrt:
	VMOVSD  T(DI), X9
	VSQRTSD X9, X9, X9   // from X9, as its upper half waits for X9's last writer
	VMOVSD  ETA0(DI), X10
	VDIVSD  X9, X10, X9  // η₀/√t
	JMP     srate

sahead:
	MOVQ    RATES(DI), AX
	VMOVSD  (AX)(R8*8), X9

srate:
	VUCOMISD ETASAFE(DI), X9
	JA       out
	JPS      out
	VMULSD   ALPHA(DI), X9, X10
	VMOVSD   ONE(DI), X13
	VSUBSD   X10, X13, X10       // c = 1 − η·α
	VMULSD   SCALE(DI), X10, X13
	VUCOMISD RESETSCALE(DI), X13
	JB       out                 // below, or NaN
	VMOVSD   X13, SCALE(DI)      // scale' = c·scale
	VDIVSD   X13, X9, X2         // kk
	VMULSD   DECAY(DI), X13, X10
	VMOVSD   X10, DS(DI)
	CMPQ     AVG(DI), $0
	JEQ      sadvanced
	VMOVSD   T(DI), X9
	VSUBSD   AVERAGEFROM(DI), X9, X9
	VADDSD   ONE(DI), X9, X9     // m
	VMOVSD   ONE(DI), X10
	VDIVSD   X9, X10, X10        // μ
	VMOVSD   X10, MU(DI)
	VMOVSD   AVGA(DI), X11
	VMOVSD   X11, AVGAPREV(DI)
	VMOVSD   AVGB(DI), X15
	VUCOMISD ONE(DI), X9
	JBE      sfirstavg
	VMOVSD   ONE(DI), X9
	VSUBSD   X10, X9, X9
	VDIVSD   X9, X15, X15        // avgB/(1 − μ), for m > 1
	VMOVSD   X15, AVGB(DI)

sfirstavg:
	VMULSD X15, X10, X10
	VMULSD X13, X10, X10
	VADDSD X10, X11, X11
	VMOVSD X11, AVGA(DI)         // avgA + μ·avgB·scale'

sadvanced:
	VMOVSD  T(DI), X9
	VADDSD  ONE(DI), X9, X9
	VMOVSD  X9, T(DI)

	// A step records its logit before it updates.
	MOVQ    ZOUT(DI), R10
	VMOVSD  X0, (R10)(R8*8)
	VMOVAPD X0, X6
	JMP     exp

sstep:
	// Sklearn: cu = kk·y − kk/D (X6), the multiple of x the update adds;
	// with averaging, avgA·cu (X5), the average's, as applySteps rounds
	// them.
	VMULSD X14, X2, X15
	VDIVSD X12, X2, X6
	VSUBSD X6, X15, X6
	VMULSD AVGAPREV(DI), X6, X5
	JMP    next

snext:
	// The next logit, one division after D: with A = w·x' before the
	// update (X3) and c = x·x' (X4), z' = b' + scale'·(A + cu·c) =
	// K − L/D, for L = kk·(ds + scale'·c) and K = b + scale'·A + y·L.
	// Then b' = b + ds·cu and, with averaging, the average bias.
	VMOVSD      SCALE(DI), X9        // scale'
	VMOVSD      DS(DI), X10
	VMULSD      X4, X9, X13
	VADDSD      X10, X13, X13
	VMULSD      X2, X13, X13         // L
	VMULSD      X3, X9, X7
	VADDSD      X1, X7, X7
	VFMADD231SD X13, X14, X7         // K
	VDIVSD      X12, X13, X13
	VSUBSD      X13, X7, X0          // z'
	VMULSD      X6, X10, X10
	VADDSD      X10, X1, X1          // b'
	TESTQ       R9, R9
	JEQ         sadvance
	VMOVSD      AVGBIAS(DI), X7
	VSUBSD      X7, X1, X8
	VMULSD      MU(DI), X8, X8       // ·μ
	VADDSD      X8, X7, X7
	VMOVSD      X7, AVGBIAS(DI)      // avgBias += (b' − avgBias)·μ

sadvance:
	STEPDONE
	NEXTISCUR
	JMP  sloop

tstop:
	VMOVSD X0, ZSAVED(DI)
	VMOVSD X12, DSAVED(DI)
	MOVQ   R9, DKNOWN(DI)
	MOVQ   $1, RESUME(DI)
	JMP    out

bad:
	MOVQ $1, STATUS(DI)

out:
	VMOVSD X1, B(DI)
	MOVQ   R8, POS(DI)
	MOVQ   BX, GEN(DI)
	RET

// onehotTorchRead is onehotSteps for Torch in a pass that reads x·x'
// (shareRead, sharePrepare), whose rows have been checked, by a whole pass
// over the same order or by the preparation beside the first
// (prepare.go): it checks only that the first row exists. Like
// onehotSteps it stops at the head of step stop, and the next call, of
// either function, goes on from there as if it had not stopped. With no
// stamps, checks or other loop to dispatch to, the registers hold what
// onehotSteps keeps in memory: R13 and R14 the current row (the end of
// its indices, and its length, negated), BX and DX the next row's, R15 y,
// R9 the counts x·x'.
//
// func onehotTorchRead(k *onehotKernel)
TEXT ·onehotTorchRead(SB), NOSPLIT, $0-8
	KREGS
	MOVQ Y(DI), R15
	MOVQ SHARED(DI), R9

	// The row of order[pos], its y, and its sum, unless a stop at pos
	// saved z, and D if it was known.
	ROWAT(rbad)
	VMOVSD (R15)(AX*8), X14
	LEAQ   (R11)(DX*4), R13
	SUBQ   DX, CX
	MOVQ   CX, R14
	CMPQ   RESUME(DI), $0
	JEQ    rfresh
	MOVQ   $0, RESUME(DI)
	VMOVSD ZSAVED(DI), X0
	VMOVSD DSAVED(DI), X12
	CMPQ   DKNOWN(DI), $0
	JNE    rknown
	JMP    rloop

rfresh:
	VXORPD X0, X0, X0

rfirst:
	TESTQ   CX, CX
	JEQ     rfirstdone
	MOVLQSX (R13)(CX*4), AX
	ADDSD   (R12)(AX*8), X0
	INCQ    CX
	JMP     rfirst

rfirstdone:
	VADDSD X1, X0, X0           // z = w·x + b

rloop:
	// As tloop, for a z whose D is not known: the stop, and outside
	// (−fastLogit, fastLogit), or NaN, the Go step. y is in X14 already,
	// read with the row.
	CMPQ     R8, STOP(DI)
	JAE      rstopnew
	VUCOMISD NEGLIMIT(DI), X0
	JBE      rout
	VUCOMISD LIMIT(DI), X0
	JAE      rout
	VMOVAPD  X0, X6
	EXPD
	JMP      rstep

rknown:
	// The same for a z whose D NEXTD found: no flag to test on the path
	// most steps take.
	CMPQ     R8, STOP(DI)
	JAE      rstopknown
	VUCOMISD NEGLIMIT(DI), X0
	JBE      rout
	VUCOMISD LIMIT(DI), X0
	JAE      rout

rstep:
	TSTEP

	// The next row, unless this is the last: its y, its bounds, x·x', and
	// its sum before this step's update.
	LEAQ    1(R8), AX
	CMPQ    AX, N(DI)
	JAE     rlast
	MOVQ    (SI)(AX*8), AX
	VMOVSD  (R15)(AX*8), X14
	MOVQ    ROWPTR(DI), R10
	MOVQ    (R10)(AX*8), CX
	MOVQ    8(R10)(AX*8), DX
	LEAQ    (R11)(DX*4), BX
	SUBQ    DX, CX
	MOVQ    CX, DX
	SUMROW(BX)

	// The update of this row.
	MOVQ   R14, CX
	UPDATEROW(R13, rupdated)

rupdated:
	// The next logit, and D for it if lr·c is up to lMax, as updated
	// and tslow compute them; the next row becomes this one.
	VADDSD       X1, X3, X3
	VADDSD       X6, X1, X1
	VMOVSD       (R9)(R8*8), X6  // x·x', recorded as a float64,
	VADDSD       ONE(DI), X6, X6 // + 1 for the bias
	INCQ         R8
	NEXTZ(rtslow)
	NEXTD
	MOVQ         BX, R13
	MOVQ         DX, R14
	JMP          rknown

rtslow:
	VFNMADD231SD X6, X11, X3
	VMOVAPD      X3, X0
	MOVQ         BX, R13
	MOVQ         DX, R14
	JMP          rloop

rlast:
	// The last sample: its update, and the end.
	MOVQ   R14, CX
	JMP    rlcheck

rlpair:
	MOVLQSX (R13)(CX*4), AX
	VADDSD  (R12)(AX*8), X6, X7
	VMOVSD  X7, (R12)(AX*8)
	INCQ    CX

rlcheck:
	TESTQ   CX, CX
	JNE     rlpair
	VADDSD  X6, X1, X1
	INCQ    R8
	JMP     rout

rstopknown:
	VMOVSD X12, DSAVED(DI)
	MOVQ   $1, DKNOWN(DI)
	JMP    rstop

rstopnew:
	MOVQ $0, DKNOWN(DI)

rstop:
	VMOVSD X0, ZSAVED(DI)
	MOVQ   $1, RESUME(DI)
	JMP    rout

rbad:
	MOVQ $1, STATUS(DI)

rout:
	VMOVSD X1, B(DI)
	MOVQ   R8, POS(DI)
	RET
