/*
 * banned.h - unsafe libc calls turned into compile errors (after git).
 * Included last by every .c file in src/ through the build's -include flag.
 */
#ifndef CT_UTIL_BANNED_H
#define CT_UTIL_BANNED_H

#define CT_BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) CT_BANNED(strcpy)
#undef strcat
#define strcat(x, y) CT_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) CT_BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) CT_BANNED(strncat)
#undef strtok
#define strtok(x, y) CT_BANNED(strtok)
#undef atoi
#define atoi(x) CT_BANNED(atoi)
#undef atol
#define atol(x) CT_BANNED(atol)
#undef sprintf
#define sprintf(...) CT_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) CT_BANNED(vsprintf)
#undef gets
#define gets(x) CT_BANNED(gets)
#undef localtime
#define localtime(t) CT_BANNED(localtime)
#undef gmtime
#define gmtime(t) CT_BANNED(gmtime)
#undef localtime_r
#define localtime_r(t, tm) CT_BANNED(localtime_r)
#undef ctime
#define ctime(t) CT_BANNED(ctime)
#undef asctime
#define asctime(t) CT_BANNED(asctime)

#endif
