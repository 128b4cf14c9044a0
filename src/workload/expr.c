/*
 * expr.c - parsing and evaluating the workload language's expressions
 * (see expr.h): a recursive-descent parser into a flat array of nodes,
 * evaluated by a walk from the root.
 */
#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm/mmzone.h"
#include "util/xalloc.h"
#include "workload/expr.h"

/* Nesting deeper than this is refused: the evaluator recurses. */
#define EXPR_MAX_DEPTH	64

struct parser {
	const char *s;		/* the next character */
	struct expr *e;
	char *err;
	size_t errlen;
	bool failed;
	int depth;
};

static void skip_blank(struct parser *p)
{
	while (isspace((unsigned char)*p->s))
		p->s++;
}

static int fail(struct parser *p, const char *expected)
{
	if (!p->failed) {
		if (*p->s)
			snprintf(p->err, p->errlen, "at \"%.20s\": expected %s",
				 p->s, expected);
		else
			snprintf(p->err, p->errlen, "at the end: expected %s",
				 expected);
	}
	p->failed = true;
	return -1;
}

static int add_node(struct parser *p, struct expr_node n)
{
	struct expr *e = p->e;

	e->nodes = xrealloc(e->nodes, (size_t)(e->nr_nodes + 1) *
			    sizeof(*e->nodes));
	e->nodes[e->nr_nodes] = n;
	return e->nr_nodes++;
}

static int name_ref(struct expr *e, const char *name, size_t len)
{
	for (int i = 0; i < e->nr_names; i++)
		if (strlen(e->names[i]) == len && !strncmp(e->names[i], name,
							   len))
			return i;
	e->names = xrealloc(e->names, (size_t)(e->nr_names + 1) *
			    sizeof(*e->names));
	e->names[e->nr_names] = xmalloc(len + 1);
	memcpy(e->names[e->nr_names], name, len);
	e->names[e->nr_names][len] = '\0';
	return e->nr_names++;
}

/* Is the word at s (of len characters) the keyword kw? */
static bool is_word(const char *s, const char *kw)
{
	size_t n = strlen(kw);

	return !strncmp(s, kw, n) && !isalnum((unsigned char)s[n]) &&
	       s[n] != '_' && s[n] != '.';
}

static int parse_or(struct parser *p);

/* A number with its unit: 80M is in pages, 10% a fraction. */
static int parse_number(struct parser *p)
{
	char *end;
	double v = strtod(p->s, &end);

	if (end == p->s)
		return fail(p, "a number, a name or (");
	p->s = end;
	switch (*p->s) {
	case '%':
		v /= 100;
		p->s++;
		break;
	case 'K': v *= 1024.0 / PAGE_SIZE; p->s++; break;
	case 'M': v *= 1048576.0 / PAGE_SIZE; p->s++; break;
	case 'G': v *= 1073741824.0 / PAGE_SIZE; p->s++; break;
	case 'T': v *= 1099511627776.0 / PAGE_SIZE; p->s++; break;
	default:
		break;
	}
	if (isalnum((unsigned char)*p->s) || *p->s == '_' || *p->s == '.')
		return fail(p, "a unit: K, M, G, T (sizes, in pages) or %");
	if (!(v == v) || v > 1e300 || v < -1e300)
		return fail(p, "a finite number");
	return add_node(p, (struct expr_node){ .op = EXPR_NUM, .num = v });
}

/*
 * A name: letters, digits, '_', '.' and '-' (section names have '-'),
 * starting with a letter or '_'.  A '-' belongs to the name only when a
 * letter, digit or '_' follows it.
 */
static int parse_name(struct parser *p)
{
	const char *start = p->s;

	while (isalnum((unsigned char)*p->s) || *p->s == '_' || *p->s == '.' ||
	       (*p->s == '-' && (isalnum((unsigned char)p->s[1]) ||
				 p->s[1] == '_')))
		p->s++;
	if (p->s[-1] == '.')
		return fail(p, "a name after the '.'");
	return add_node(p, (struct expr_node){
		.op = EXPR_NAME,
		.ref = name_ref(p->e, start, (size_t)(p->s - start)) });
}

static int parse_atom(struct parser *p)
{
	int n;

	skip_blank(p);
	if (*p->s == '(') {
		if (++p->depth > EXPR_MAX_DEPTH)
			return fail(p, "fewer nested parentheses");
		p->s++;
		n = parse_or(p);
		if (n < 0)
			return -1;
		skip_blank(p);
		if (*p->s != ')')
			return fail(p, ")");
		p->s++;
		p->depth--;
		return n;
	}
	if (*p->s == '-') {
		if (++p->depth > EXPR_MAX_DEPTH)
			return fail(p, "fewer nested minus signs");
		p->s++;
		n = parse_atom(p);
		p->depth--;
		if (n < 0)
			return -1;
		return add_node(p, (struct expr_node){ .op = EXPR_NEG,
						       .a = n });
	}
	if (isdigit((unsigned char)*p->s) || *p->s == '.')
		return parse_number(p);
	if (isalpha((unsigned char)*p->s) || *p->s == '_') {
		if (is_word(p->s, "and") || is_word(p->s, "or") ||
		    is_word(p->s, "not") || is_word(p->s, "mod"))
			return fail(p, "a number, a name or (");
		return parse_name(p);
	}
	return fail(p, "a number, a name or (");
}

static int binary(struct parser *p, enum expr_op op, int a, int b)
{
	if (b < 0)
		return -1;
	return add_node(p, (struct expr_node){ .op = op, .a = a, .b = b });
}

static int parse_product(struct parser *p)
{
	int n = parse_atom(p);

	while (n >= 0) {
		skip_blank(p);
		if (*p->s == '*' || *p->s == '/') {
			enum expr_op op = *p->s == '*' ? EXPR_MUL : EXPR_DIV;

			p->s++;
			n = binary(p, op, n, parse_atom(p));
		} else if (is_word(p->s, "mod")) {
			p->s += 3;
			n = binary(p, EXPR_MOD, n, parse_atom(p));
		} else {
			break;
		}
	}
	return n;
}

static int parse_sum(struct parser *p)
{
	int n = parse_product(p);

	while (n >= 0) {
		skip_blank(p);
		if (*p->s == '+' || *p->s == '-') {
			enum expr_op op = *p->s == '+' ? EXPR_ADD : EXPR_SUB;

			p->s++;
			n = binary(p, op, n, parse_product(p));
		} else {
			break;
		}
	}
	return n;
}

static int parse_comparison(struct parser *p)
{
	static const struct {
		const char *tok;
		enum expr_op op;
	} ops[] = {
		{ "<=", EXPR_LE }, { ">=", EXPR_GE }, { "==", EXPR_EQ },
		{ "!=", EXPR_NE }, { "<", EXPR_LT }, { ">", EXPR_GT },
	};
	int n = parse_sum(p);

	if (n < 0)
		return -1;
	skip_blank(p);
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		size_t len = strlen(ops[i].tok);

		if (strncmp(p->s, ops[i].tok, len))
			continue;
		p->s += len;
		n = binary(p, ops[i].op, n, parse_sum(p));
		skip_blank(p);
		if (n >= 0 && strchr("<>=!", *p->s) && *p->s)
			return fail(p, "and or or between two comparisons");
		return n;
	}
	if (*p->s == '=')
		return fail(p, "== to compare (= is not an operator)");
	return n;
}

static int parse_not(struct parser *p)
{
	int n;

	skip_blank(p);
	if (!is_word(p->s, "not"))
		return parse_comparison(p);
	if (++p->depth > EXPR_MAX_DEPTH)
		return fail(p, "fewer nested nots");
	p->s += 3;
	n = parse_not(p);
	p->depth--;
	if (n < 0)
		return -1;
	return add_node(p, (struct expr_node){ .op = EXPR_NOT, .a = n });
}

static int parse_and(struct parser *p)
{
	int n = parse_not(p);

	while (n >= 0) {
		skip_blank(p);
		if (!is_word(p->s, "and"))
			break;
		p->s += 3;
		n = binary(p, EXPR_AND, n, parse_not(p));
	}
	return n;
}

static int parse_or(struct parser *p)
{
	int n = parse_and(p);

	while (n >= 0) {
		skip_blank(p);
		if (!is_word(p->s, "or"))
			break;
		p->s += 2;
		n = binary(p, EXPR_OR, n, parse_and(p));
	}
	return n;
}

int expr_parse(struct expr *e, const char *text, char *err, size_t errlen)
{
	struct parser p = { .s = text, .e = e, .err = err, .errlen = errlen };
	int root;

	*e = (struct expr){ 0 };
	root = parse_or(&p);
	if (root >= 0) {
		skip_blank(&p);
		if (*p.s)
			root = fail(&p, "an operator or the end");
	}
	if (root < 0) {
		expr_release(e);
		return -1;
	}
	/* the root is the last node made: evaluation starts there */
	assert(root == e->nr_nodes - 1);
	e->text = xstrdup(text);
	return 0;
}

static double eval(const struct expr *e, int i,
		   double (*value)(void *ctx, int name), void *ctx)
{
	const struct expr_node *n = &e->nodes[i];
	double a, b;

	switch (n->op) {
	case EXPR_NUM:
		return n->num;
	case EXPR_NAME:
		return value(ctx, n->ref);
	case EXPR_NEG:
		return -eval(e, n->a, value, ctx);
	case EXPR_NOT:
		return eval(e, n->a, value, ctx) == 0;
	case EXPR_AND:
		return eval(e, n->a, value, ctx) != 0 &&
		       eval(e, n->b, value, ctx) != 0;
	case EXPR_OR:
		return eval(e, n->a, value, ctx) != 0 ||
		       eval(e, n->b, value, ctx) != 0;
	default:
		break;
	}
	a = eval(e, n->a, value, ctx);
	b = eval(e, n->b, value, ctx);
	switch (n->op) {
	case EXPR_ADD: return a + b;
	case EXPR_SUB: return a - b;
	case EXPR_MUL: return a * b;
	case EXPR_DIV: return b != 0 ? a / b : 0;
	case EXPR_MOD: return b != 0 ? a - b * floor(a / b) : 0;
	case EXPR_LT: return a < b;
	case EXPR_LE: return a <= b;
	case EXPR_GT: return a > b;
	case EXPR_GE: return a >= b;
	case EXPR_EQ: return a == b;
	case EXPR_NE: return a != b;
	default:
		abort();
	}
}

double expr_eval(const struct expr *e,
		 double (*value)(void *ctx, int name), void *ctx)
{
	assert(e->nr_nodes > 0);
	return eval(e, e->nr_nodes - 1, value, ctx);
}

void expr_release(struct expr *e)
{
	for (int i = 0; i < e->nr_names; i++)
		free(e->names[i]);
	free(e->names);
	free(e->nodes);
	free(e->text);
	*e = (struct expr){ 0 };
}
