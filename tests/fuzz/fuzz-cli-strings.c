/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz harness of modemctl's readers of caller text (cli/): the key=value
 * string parser of --simple-connect and friends (first byte: which kind),
 * and the -K / -J / human printers fed the same text as values. A parse
 * gives an a{sv} or an error, never both; the printers never fail. */
#include <stdint.h>
#include <stdio.h>

#include "mc-connect-string.h"
#include "mc-output.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
print_all (const char *text)
{
  const McOutputType types[] = { MC_OUTPUT_HUMAN, MC_OUTPUT_KEYVALUE, MC_OUTPUT_JSON };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++) {
    g_autoptr (McOutput) out = mc_output_new (types[i]);
    const char *const values[] = { text, "", text, NULL };
    char *buffer = NULL;
    size_t len = 0;

    out->stream = open_memstream (&buffer, &len);
    mc_output_string (out, MC_F_MODEM_MODEL, text);
    mc_output_list (out, MC_F_MODEM_PORTS, text);
    mc_output_multiline (out, MC_F_MODEM_SUPPORTED_MODES, text);
    mc_output_array (out, MC_F_BEARER_IPV4_DNS, values, FALSE);
    mc_output_dump (out);
    mc_output_listitem (out, MC_F_MODEM_LIST, "    ", text, text);
    mc_output_dump_list (out, MC_F_MODEM_LIST);
    fclose (out->stream);
    g_assert_nonnull (buffer);
    g_assert_cmpuint (len, >, 0);
    free (buffer);
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) result = NULL;
  g_autofree char *text = NULL;
  McStringKind kind;

  if (size < 1)
    return 0;
  kind = (McStringKind)(data[0] % (MC_STRING_KERNEL_EVENT + 1));
  text = g_strndup ((const char *)data + 1, size - 1);
  result = mc_connect_string_parse (text, kind, &error);
  if (result) {
    g_variant_ref_sink (result);
    g_assert_no_error (error);
    g_assert_true (g_variant_is_of_type (result, G_VARIANT_TYPE_VARDICT));
  } else {
    g_assert_error (error, MC_STRING_ERROR, 0);
  }
  print_all (text);
  return 0;
}
