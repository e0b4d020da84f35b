// The inline vectorisable exp of fast mode.
//
// exp(x) = 2^k * e^r with k = rint(x / ln 2) and r = x - k ln 2 (Cody-Waite: ln 2 split in a
// high part exact in 32 bits and a low part), e^r by its Taylor polynomial of degree 13 in Horner
// form (|r| <= ln2/2, truncation error below 2e-17 relative), 2^k built from the exponent bits.
// NEURON's hoc_Exp limits are kept: 0 below -700, exp(700) above 700, NaN stays NaN.
// Measured against glibc's exp over [-700, 700]: at most 2 ulp apart (tests/unit/test_codegen.cpp).
#include "ir_generator.hpp"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/Module.h>

#include <cmath>

namespace cornu::codegen {

void define_fast_exp(llvm::Module& module) {
    using namespace llvm;
    LLVMContext& ctx = module.getContext();
    Type* f64 = Type::getDoubleTy(ctx);
    Type* i64 = Type::getInt64Ty(ctx);
    auto* type = FunctionType::get(f64, {f64}, false);
    Function* fn = Function::Create(type, GlobalValue::InternalLinkage, "cornu.exp", module);
    fn->addFnAttr(Attribute::AlwaysInline);
    fn->addFnAttr(Attribute::NoUnwind);
    fn->setDoesNotAccessMemory();
    IRBuilder<> b(BasicBlock::Create(ctx, "entry", fn));
    Value* x = fn->getArg(0);

    auto c = [&](double v) { return ConstantFP::get(f64, v); };
    Function* fmuladd = Intrinsic::getDeclaration(&module, Intrinsic::fmuladd, {f64});
    Function* rint = Intrinsic::getDeclaration(&module, Intrinsic::rint, {f64});

    Value* is_nan = b.CreateFCmpUNO(x, x);
    Value* too_low = b.CreateFCmpOLT(x, c(-700.0));
    Value* too_high = b.CreateFCmpOGT(x, c(700.0));
    // Work on a clamped, NaN-free argument so that every lane computes something finite.
    Value* xc = b.CreateSelect(too_low, c(-700.0), x);
    xc = b.CreateSelect(too_high, c(700.0), xc);
    xc = b.CreateSelect(is_nan, c(0.0), xc);

    const double log2e = 1.4426950408889634074;
    const double ln2_hi = 6.93145751953125e-1;         // 0x3FE62E4000000000: 21 significant bits
    const double ln2_lo = 1.42860682030941723212e-6;   // ln 2 - ln2_hi
    Value* k = b.CreateCall(rint, {b.CreateFMul(xc, c(log2e))});
    Value* r = b.CreateCall(fmuladd, {b.CreateFNeg(k), c(ln2_hi), xc});
    r = b.CreateCall(fmuladd, {b.CreateFNeg(k), c(ln2_lo), r});

    // e^r = sum r^n / n!, n = 0..13, in Horner form from the highest term.
    double coefficient[14];
    coefficient[0] = 1.0;
    for (int n = 1; n < 14; ++n) coefficient[n] = coefficient[n - 1] / n;
    Value* p = c(coefficient[13]);
    for (int n = 12; n >= 0; --n) p = b.CreateCall(fmuladd, {p, r, c(coefficient[n])});

    Value* ki = b.CreateFPToSI(k, i64);
    Value* bits = b.CreateShl(b.CreateAdd(ki, ConstantInt::get(i64, 1023)), ConstantInt::get(i64, 52));
    Value* scale = b.CreateBitCast(bits, f64);
    Value* result = b.CreateFMul(p, scale);

    result = b.CreateSelect(too_high, c(std::exp(700.0)), result);
    result = b.CreateSelect(too_low, c(0.0), result);
    result = b.CreateSelect(is_nan, x, result);
    b.CreateRet(result);
}

}  // namespace cornu::codegen
