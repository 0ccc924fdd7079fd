// Compile-time assertions: `const ok: Equal<A, B> = true` compiles only when A and B are the same type.
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
