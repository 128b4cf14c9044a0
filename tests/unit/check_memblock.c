#include "suites.h"
START_TEST(test_placeholder_memblock) { ck_assert_int_eq(1, 1); } END_TEST
Suite *memblock_suite(void) { Suite *s = suite_create("memblock"); TCase *tc = tcase_create("x"); tcase_add_test(tc, test_placeholder_memblock); suite_add_tcase(s, tc); return s; }
