/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Runs the fuzz entry point over the seed corpus and over generated inputs
 * (mutations of the seeds and random bytes), so the harness is exercised
 * as a normal test, with any compiler and under the sanitizers. */
#include <stdint.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define GENERATED_INPUTS 20000

static GPtrArray *
load_corpus (const char *dir_path)
{
  GPtrArray *seeds = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir))) {
    g_autofree char *path = g_build_filename (dir_path, name, NULL);
    char *contents;
    gsize len;

    if (g_file_get_contents (path, &contents, &len, NULL))
      g_ptr_array_add (seeds, g_bytes_new_take (contents, len));
  }
  return seeds;
}

static void
test_replay (gconstpointer data)
{
  g_autoptr (GPtrArray) seeds = load_corpus (data);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261121);

  g_assert_cmpuint (seeds->len, >, 0);
  for (guint i = 0; i < seeds->len; i++) {
    gsize len;
    const guint8 *bytes = g_bytes_get_data (g_ptr_array_index (seeds, i), &len);

    LLVMFuzzerTestOneInput (bytes, len);
  }
  for (guint i = 0; i < GENERATED_INPUTS; i++) {
    gsize len;
    const guint8 *seed = g_bytes_get_data (g_ptr_array_index (seeds, i % seeds->len), &len);
    g_autofree guint8 *input = g_memdup2 (seed, len + 1);
    guint flips = (guint)g_rand_int_range (rand, 1, 8);

    for (guint f = 0; f < flips && len; f++)
      input[g_rand_int_range (rand, 0, (gint32)len)] = (guint8)g_rand_int_range (rand, 0, 256);
    LLVMFuzzerTestOneInput (input, (gsize)g_rand_int_range (rand, 0, (gint32)len + 1));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/fuzz/at-parsers/replay", CORPUS_DIR, test_replay);
  return g_test_run ();
}
