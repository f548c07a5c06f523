/* SPDX-License-Identifier: GPL-2.0-or-later */
/* md_skeleton_variant_same: the same type and bytes are the same value,
 * for variants built in memory and for untrusted ones (fixed arrays). */
#include "md-skeleton-set.h"

static GVariant *
bands (const guint32 *values, gsize n)
{
  return g_variant_ref_sink (g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, values, n, sizeof (guint32)));
}

static void
test_fixed_arrays (void)
{
  static const guint32 a[] = { 31, 42 }, b[] = { 31, 43 };
  g_autoptr (GVariant) one = bands (a, 2);
  g_autoptr (GVariant) same = bands (a, 2);
  g_autoptr (GVariant) other = bands (b, 2);
  g_autoptr (GVariant) shorter = bands (a, 1);
  g_autoptr (GVariant) empty = bands (a, 0);
  g_autoptr (GVariant) empty_too = bands (b, 0);

  g_assert_true (md_skeleton_variant_same (one, same));
  g_assert_false (md_skeleton_variant_same (one, other));
  g_assert_false (md_skeleton_variant_same (one, shorter));
  g_assert_true (md_skeleton_variant_same (empty, empty_too));
  g_assert_false (md_skeleton_variant_same (NULL, one));
}

static void
test_types_and_trees (void)
{
  g_autoptr (GVariant) u = g_variant_ref_sink (g_variant_new_uint32 (7));
  g_autoptr (GVariant) i = g_variant_ref_sink (g_variant_new_int32 (7));
  g_autoptr (GVariant) quality = g_variant_ref_sink (g_variant_new ("(ub)", 80, TRUE));
  g_autoptr (GVariant) quality_same = g_variant_ref_sink (g_variant_new ("(ub)", 80, TRUE));
  g_autoptr (GVariant) quality_old = g_variant_ref_sink (g_variant_new ("(ub)", 80, FALSE));
  g_autoptr (GVariant) dict = g_variant_ref_sink (g_variant_new_parsed ("{'apn': <'internet'>}"));
  g_autoptr (GVariant) dict_same = g_variant_ref_sink (g_variant_new_parsed ("{'apn': <'internet'>}"));
  g_autoptr (GVariant) dict_other = g_variant_ref_sink (g_variant_new_parsed ("{'apn': <'intranet'>}"));

  /* The same bytes, another type: not the same value. */
  g_assert_false (md_skeleton_variant_same (u, i));
  g_assert_true (md_skeleton_variant_same (quality, quality_same));
  g_assert_false (md_skeleton_variant_same (quality, quality_old));
  g_assert_true (md_skeleton_variant_same (dict, dict_same));
  g_assert_false (md_skeleton_variant_same (dict, dict_other));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/skeleton-set/fixed-arrays", test_fixed_arrays);
  g_test_add_func ("/skeleton-set/types-and-trees", test_types_and_trees);
  return g_test_run ();
}
