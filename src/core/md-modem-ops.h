/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Capability ops tables: one small table per concern, implemented once per
 * protocol (plugins/at, plugins/qmi, plugins/mbim). A vendor plugin copies a
 * protocol's table and overrides single entries. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _MdModem MdModem;

/* Every op receives a GTask whose source object is the modem; the op owns it
 * and must return through it exactly once, with the value documented at the
 * op. A NULL op means "not supported". */
typedef void (*MdModemOp) (MdModem *modem, GTask *task);

typedef struct {
  /* Brings the control ports to a known configuration (echo off, verbose
   * errors, ...). Returns a boolean. */
  MdModemOp setup;
  /* Returns an MdModemIdentity* (free with md_modem_identity_free). */
  MdModemOp load_identity;
  /* Returns the MdModemCapability bits as a gssize. */
  MdModemOp load_capabilities;
} MdModemInitOps;

typedef struct {
  const MdModemInitOps *init;
} MdModemOps;

G_END_DECLS
