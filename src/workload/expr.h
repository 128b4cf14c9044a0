/*
 * expr.h - the workload language's expressions: conditions and values
 * computed from the machine's state while a run goes on.
 *
 *   MemFree < 80M
 *   MemFree - 128M >= 64M
 *   anon.pages >= 0.95 * M0 - tmpfs.pages or MemFree < 80M
 *   anon.requests mod 256 == 0 and MemFree < 80M
 *
 * Numbers may carry a unit: a size (4K, 80M, 1G: converted to pages of
 * 4 KiB, since every memory quantity is in pages) or a share (10% is 0.1).
 * Names are resolved by the caller (workload.c knows which exist); the
 * engine gives their values when an expression is evaluated.  Operators,
 * loosest first: or, and, not, comparisons (< <= > >= == !=), + -,
 * * / mod, unary minus.  mod is the remainder of a floored division
 * (7 mod 3 is 1, -1 mod 3 is 2): a program that looks at something once
 * every N steps.  A comparison is 1 or 0; and/or/not treat non-zero as true.
 *
 * Names may contain '-' (as section names do), so a subtraction needs a
 * blank before its '-': "MemFree - 128M", not "MemFree-128M".
 */
#ifndef FRAGSIM_WORKLOAD_EXPR_H
#define FRAGSIM_WORKLOAD_EXPR_H

#include <stddef.h>

enum expr_op {
	EXPR_NUM,
	EXPR_NAME,		/* ref: index into expr.names */
	EXPR_NEG,
	EXPR_NOT,
	EXPR_ADD, EXPR_SUB, EXPR_MUL, EXPR_DIV, EXPR_MOD,
	EXPR_LT, EXPR_LE, EXPR_GT, EXPR_GE, EXPR_EQ, EXPR_NE,
	EXPR_AND, EXPR_OR,
};

struct expr_node {
	enum expr_op op;
	double num;		/* EXPR_NUM */
	int ref;		/* EXPR_NAME */
	int a, b;		/* operands: node indices */
};

struct expr {
	char *text;		/* as written */
	struct expr_node *nodes;	/* the root is the last */
	int nr_nodes;
	char **names;		/* every name it reads, once each */
	int nr_names;
};

/*
 * Parse text into e.  On error returns -1 with a message in err ("at
 * \"...\": expected ..."); e is then empty.
 */
int expr_parse(struct expr *e, const char *text, char *err, size_t errlen);

/*
 * The value of e, with value(ctx, i) giving the value of e->names[i].
 * A division (or mod) by zero gives 0, so that a condition stays defined.
 */
double expr_eval(const struct expr *e,
		 double (*value)(void *ctx, int name), void *ctx);

void expr_release(struct expr *e);

#endif
