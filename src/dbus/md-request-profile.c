/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Test.SetProfile as a caller gives it. The id ends up in the modem's
 * device id and the logs, the ports are opened as files or sockets: all of
 * them printable ASCII of a sane length, no control characters. */
#include "md-request-profile.h"

#include "md-errors.h"
#include "md-request-text.h"

static const MdRequestTextRule id_rule = { "profile id", MD_REQUEST_CHARS_PRINTABLE, 1, 64 };
static const MdRequestTextRule plugin_rule = { "plugin name", MD_REQUEST_CHARS_PRINTABLE, 1, 64 };
static const MdRequestTextRule port_rule = { "port name", MD_REQUEST_CHARS_PRINTABLE, 1, 4096 };

gboolean
md_request_check_profile (const char *id, const char *plugin, const char *const *ports, GError **error)
{
  guint n_ports = ports ? g_strv_length ((char **)ports) : 0;

  if (!md_request_check_text (&id_rule, id, error) || !md_request_check_text (&plugin_rule, plugin, error))
    return FALSE;
  if (n_ports == 0 || n_ports > MD_REQUEST_PROFILE_MAX_PORTS) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Give 1 to %d ports, not %u",
                 MD_REQUEST_PROFILE_MAX_PORTS, n_ports);
    return FALSE;
  }
  for (guint i = 0; i < n_ports; i++) {
    if (!md_request_check_text (&port_rule, ports[i], error))
      return FALSE;
  }
  return TRUE;
}
