#include "suites.h"
START_TEST(test_placeholder_model) { ck_assert_int_eq(1, 1); } END_TEST
Suite *model_suite(void) { Suite *s = suite_create("model"); TCase *tc = tcase_create("x"); tcase_add_test(tc, test_placeholder_model); suite_add_tcase(s, tc); return s; }
