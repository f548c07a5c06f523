/* SPDX-License-Identifier: GPL-2.0-or-later */
/* An MBIM modem without a control port, for harnesses that feed modem
 * bytes to the ops and indication handlers (tests/fuzz). Not for plugins. */
#pragma once

#include "md-mbim-modem.h"

G_BEGIN_DECLS

/* A modem driven by ops over MBIM whose requests reply answers at once,
 * with fake session links on its one interface net. */
MdModem *md_mbim_modem_new_with_replies (guint modem_id, const MdModemOps *ops, const char *net,
                                         MdMbimReplyFn reply, gpointer user_data);

G_END_DECLS
