/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The simulator's control socket; see ms-control.c and README.md. */
#pragma once

#include <gio/gio.h>

#include "ms-model.h"

G_BEGIN_DECLS

typedef struct _MsControl MsControl;
typedef void (*MsControlUnplugFn) (gpointer user_data);

MsControl *ms_control_new (MsModel *model, const char *path, MsControlUnplugFn unplug,
                           gpointer unplug_data, GError **error);
void ms_control_free (MsControl *self);

G_END_DECLS
