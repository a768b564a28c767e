// The only C header the package includes. ICalKit is the only Swift module
// that imports CLibical (see README "Layers").
#include <libical/ical.h>
