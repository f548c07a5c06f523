/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Standalone runner of a fuzz harness, so it runs as a normal test with any
 * compiler and under the sanitizers: every file of the seed corpus, then
 * generated inputs (mutated seeds, seeds spliced together, random bytes)
 * from a fixed seed. Extra arguments are files to replay, such as a crash
 * input found by libFuzzer. FUZZ_RUNS overrides the number generated. */
#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define DEFAULT_RUNS 20000
#define MAX_RANDOM   4096

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
run_bytes (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  /* A copy of exactly len bytes, so reading past the end is caught. */
  g_autofree guint8 *copy = g_memdup2 (data, len);

  LLVMFuzzerTestOneInput (copy, len);
}

static GBytes *
mutate (GRand *rand, GBytes *seed, GBytes *other)
{
  gsize len, other_len;
  const guint8 *data = g_bytes_get_data (seed, &len);
  const guint8 *more = g_bytes_get_data (other, &other_len);
  GByteArray *out = g_byte_array_new ();
  guint flips = (guint)g_rand_int_range (rand, 0, 8);

  g_byte_array_append (out, data, (guint)g_rand_int_range (rand, 0, (gint32)len + 1));
  if (g_rand_boolean (rand))
    g_byte_array_append (out, more + other_len / 2, (guint)(other_len - other_len / 2));
  for (guint f = 0; f < flips && out->len; f++) {
    guint8 pick[]
      = { '\r', '\n', '\0', '>', ' ', ':', ',', '"', '+', (guint8)g_rand_int_range (rand, 0, 256) };

    out->data[g_rand_int_range (rand, 0, (gint32)out->len)]
      = pick[g_rand_int_range (rand, 0, G_N_ELEMENTS (pick))];
  }
  return g_byte_array_free_to_bytes (out);
}

static GBytes *
random_bytes (GRand *rand)
{
  gsize len = (gsize)g_rand_int_range (rand, 0, MAX_RANDOM);
  guint8 *data = g_malloc (len + 1);

  for (gsize i = 0; i < len; i++)
    data[i] = (guint8)g_rand_int_range (rand, 0, 256);
  return g_bytes_new_take (data, len);
}

static void
test_corpus_and_generated (gconstpointer corpus_dir)
{
  g_autoptr (GPtrArray) seeds = load_corpus (corpus_dir);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261121);
  const char *runs_env = g_getenv ("FUZZ_RUNS");
  guint runs = runs_env ? (guint)strtoul (runs_env, NULL, 10) : DEFAULT_RUNS;

  g_assert_cmpuint (seeds->len, >, 0);
  for (guint i = 0; i < seeds->len; i++)
    run_bytes (g_ptr_array_index (seeds, i));
  for (guint i = 0; i < runs; i++) {
    g_autoptr (GBytes) input = NULL;

    if (i % 4 == 3) {
      input = random_bytes (rand);
    } else {
      GBytes *seed = g_ptr_array_index (seeds, g_rand_int_range (rand, 0, (gint32)seeds->len));
      GBytes *other = g_ptr_array_index (seeds, g_rand_int_range (rand, 0, (gint32)seeds->len));

      input = mutate (rand, seed, other);
    }
    run_bytes (input);
  }
}

static void
test_file (gconstpointer path)
{
  g_autoptr (GError) error = NULL;
  char *contents;
  gsize len;
  g_autoptr (GBytes) bytes = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  bytes = g_bytes_new_take (contents, len);
  run_bytes (bytes);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/fuzz/" FUZZ_NAME "/corpus-and-generated", CORPUS_DIR, test_corpus_and_generated);
  for (int i = 1; i < argc; i++) {
    g_autofree char *name = g_strdup_printf ("/fuzz/" FUZZ_NAME "/file/%d", i);

    g_test_add_data_func (name, argv[i], test_file);
  }
  return g_test_run ();
}
