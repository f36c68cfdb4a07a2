package diary

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Schema is the version of the diary's layout that this version writes.
// A file of an older schema is migrated in the transaction of the first
// write; a newer one is refused.
const Schema = 1

// MaxFileBytes bounds a diary file: a lifetime of entries fits many
// times over. A larger file is refused before it is opened.
const MaxFileBytes = 64 << 20

// DefaultTimeout is how long an operation waits for the diary's lock.
const DefaultTimeout = 5 * time.Second

// The buckets and meta keys of the file.
var (
	metaBucket    = []byte("meta")
	entriesBucket = []byte("entries")
	formatKey     = []byte("format")
	schemaKey     = []byte("schema")
	formatName    = []byte("twitchcheck diary")
)

// File is a diary kept in a bbolt database at Path. The file is opened
// only for each operation, so the app and the command line can both use
// it; it is created by the first Put, in a folder of mode 0700, with mode
// 0600. Every write is one transaction.
type File struct {
	Path string
	// Timeout is how long to wait for another process's lock; 0 is
	// DefaultTimeout.
	Timeout time.Duration
	// migrations bring a file from one schema to the next; tests add
	// their own.
	migrations []migration
	// broken is the refusal of a file that made bbolt panic: bbolt's map
	// of it, and so its lock, cannot be released, so it is not opened
	// again by this process.
	broken error
}

// migration brings a file of schema to-1 to schema to, inside the write
// transaction that needs it.
type migration struct {
	to  int
	run func(tx *bolt.Tx) error
}

// schemaMigrations are the migrations of the schemas so far: from an
// empty file (0) to 1, the entries by date.
var schemaMigrations = []migration{
	{to: 1, run: func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(entriesBucket)
		return err
	}},
}

// NewFile returns the diary kept at path.
func NewFile(path string) *File {
	return &File{Path: path, migrations: schemaMigrations}
}

// Where says where the diary is kept.
func (f *File) Where() string { return f.Path }

func (f *File) timeout() time.Duration {
	if f.Timeout > 0 {
		return f.Timeout
	}
	return DefaultTimeout
}

func (f *File) schema() int {
	if len(f.migrations) == 0 {
		return 0
	}
	return f.migrations[len(f.migrations)-1].to
}

// Exists reports whether the diary file exists.
func (f *File) Exists() (bool, error) {
	_, err := os.Lstat(f.Path)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	}
	return false, writeErr(f.Path, "cannot look at it", err)
}

// Put records e (see Store).
func (f *File) Put(e Entry, replace bool) (old *Entry, err error) {
	if err := e.Check(); err != nil {
		return nil, err
	}
	data, err := Encode(e)
	if err != nil {
		return nil, fmt.Errorf("encoding the entry: %w", err)
	}
	if err := f.create(); err != nil {
		return nil, err
	}
	err = f.with(false, func(db *bolt.DB) error {
		return db.Update(func(tx *bolt.Tx) error {
			if err := f.migrate(tx); err != nil {
				return err
			}
			b := tx.Bucket(entriesBucket)
			if prev := b.Get([]byte(e.Date)); prev != nil {
				p, err := f.decode(e.Date, prev)
				if err != nil {
					return err
				}
				if !replace {
					return &ExistsError{Old: p}
				}
				old = &p
			}
			return b.Put([]byte(e.Date), data)
		})
	})
	if err != nil {
		return nil, err
	}
	return old, nil
}

// Get returns the entry of date.
func (f *File) Get(date string) (Entry, bool, error) {
	var (
		e  Entry
		ok bool
	)
	err := f.read(func(b *bolt.Bucket) error {
		v := b.Get([]byte(date))
		if v == nil {
			return nil
		}
		var err error
		e, err = f.decode(date, v)
		ok = err == nil
		return err
	})
	return e, ok, err
}

// List returns every entry, oldest first (ISO dates sort as dates).
func (f *File) List() ([]Entry, error) {
	var out []Entry
	err := f.read(func(b *bolt.Bucket) error {
		return b.ForEach(func(k, v []byte) error {
			e, err := f.decode(string(k), v)
			if err != nil {
				return err
			}
			out = append(out, e)
			return nil
		})
	})
	return out, err
}

// read runs fn on the entries of an existing diary in a read-only
// transaction; a diary not yet started has none. A file of an older
// schema is migrated first.
func (f *File) read(fn func(*bolt.Bucket) error) error {
	if ok, err := f.Exists(); err != nil || !ok {
		return err
	}
	older := false
	err := f.with(true, func(db *bolt.DB) error {
		return db.View(func(tx *bolt.Tx) error {
			v, err := f.checkMeta(tx)
			if err != nil {
				return err
			}
			if v < f.schema() {
				older = true
				return nil
			}
			return fn(tx.Bucket(entriesBucket))
		})
	})
	if err != nil || !older {
		return err
	}
	if err := f.with(false, func(db *bolt.DB) error { return db.Update(f.migrate) }); err != nil {
		return err
	}
	return f.read(fn)
}

// decode decodes the entry stored under key.
func (f *File) decode(key string, v []byte) (Entry, error) {
	e, err := Decode(v)
	if err != nil {
		return Entry{}, f.damaged(fmt.Sprintf("its entry %q: %v", clip(key), err))
	}
	if e.Date != key {
		return Entry{}, f.damaged(fmt.Sprintf("its entry %q holds the date %s", clip(key), e.Date))
	}
	return e, nil
}

// checkMeta checks that the file is a diary of a schema this version
// knows, and returns the schema. Reads decode every entry they return;
// writes check every entry first (migrate).
func (f *File) checkMeta(tx *bolt.Tx) (int, error) {
	m := tx.Bucket(metaBucket)
	if m == nil || string(m.Get(formatKey)) != string(formatName) {
		return 0, f.refused("it is a bbolt database, but not a twitchcheck diary")
	}
	v, err := strconv.Atoi(string(m.Get(schemaKey)))
	if err != nil || v < 0 {
		return 0, f.refused("its schema version %q is not a number", clip(string(m.Get(schemaKey))))
	}
	if v > f.schema() {
		return 0, f.refused("it was written by a newer twitchcheck (diary schema %d; this version knows up to %d): update twitchcheck to use it", v, f.schema())
	}
	if v >= 1 && tx.Bucket(entriesBucket) == nil {
		return 0, f.refused("it has no entries bucket")
	}
	return v, nil
}

// check reads every entry strictly, in this goroutine (bbolt's own Check
// runs in another, where a damaged page would crash the process rather
// than be refused): a diary with one damaged entry is not written to.
func check(tx *bolt.Tx) error {
	b := tx.Bucket(entriesBucket)
	if b == nil {
		return nil
	}
	return b.ForEach(func(k, v []byte) error {
		if _, err := ParseDate(string(k)); err != nil {
			return fmt.Errorf("a key %q is not a date", clip(string(k)))
		}
		if v == nil {
			return fmt.Errorf("the entry %s is a bucket", k)
		}
		e, err := Decode(v)
		if err != nil {
			return fmt.Errorf("its entry %s: %v", k, err)
		}
		if e.Date != string(k) {
			return fmt.Errorf("its entry %s holds the date %s", k, e.Date)
		}
		return nil
	})
}

// migrate brings the file in tx to the present schema, checking it first.
func (f *File) migrate(tx *bolt.Tx) error {
	v, err := f.checkMeta(tx)
	if err != nil {
		return err
	}
	if err := check(tx); err != nil {
		return f.damaged(err.Error())
	}
	return f.migrateFrom(tx, v)
}

// migrateFrom runs every migration past schema v and records the schema.
func (f *File) migrateFrom(tx *bolt.Tx, v int) error {
	if v == f.schema() {
		return nil
	}
	for _, m := range f.migrations {
		if m.to <= v {
			continue
		}
		if err := m.run(tx); err != nil {
			return fmt.Errorf("migrating the diary to schema %d: %w", m.to, err)
		}
	}
	return tx.Bucket(metaBucket).Put(schemaKey, []byte(strconv.Itoa(f.schema())))
}

// create makes the diary file if it does not exist: its folder (0700)
// and a new database, written whole under a temporary name and linked into
// place, so a crash or a full disk leaves no half-made diary, and two
// processes starting one at once both end up using the same file.
func (f *File) create() error {
	if ok, err := f.Exists(); err != nil || ok {
		return err
	}
	dir := filepath.Dir(f.Path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return writeErr(f.Path, "cannot make its folder", err)
	}
	tmp := filepath.Join(dir, "."+filepath.Base(f.Path)+".new-"+randomSuffix())
	err := func() error {
		db, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: f.timeout(), OpenFile: exclusiveCreate})
		if err != nil {
			return err
		}
		err = db.Update(func(tx *bolt.Tx) error {
			m, err := tx.CreateBucket(metaBucket)
			if err != nil {
				return err
			}
			if err := m.Put(formatKey, formatName); err != nil {
				return err
			}
			if err := m.Put(schemaKey, []byte("0")); err != nil {
				return err
			}
			return f.migrateFrom(tx, 0)
		})
		if cerr := db.Close(); err == nil {
			err = cerr
		}
		return err
	}()
	if err == nil {
		err = os.Link(tmp, f.Path)
		if errors.Is(err, fs.ErrExist) {
			err = nil // another process made it first: use theirs
		}
	}
	if rerr := os.Remove(tmp); err == nil && rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
		err = rerr
	}
	if err != nil {
		return writeErr(f.Path, "cannot create it", err)
	}
	syncDir(dir)
	return nil
}

func exclusiveCreate(name string, flag int, mode os.FileMode) (*os.File, error) {
	return os.OpenFile(name, flag|os.O_CREATE|os.O_EXCL, mode)
}

// with opens the diary for one operation (read-only with a shared lock,
// or for writing with the only lock), runs fn and closes it. The file is
// checked before bbolt sees it: a regular file, not too big, a bbolt file
// (bbolt would otherwise start a new database over an empty file). A panic
// in bbolt on a damaged file is a refusal, not a crash.
func (f *File) with(readOnly bool, fn func(*bolt.DB) error) (err error) {
	if f.broken != nil {
		return f.broken
	}
	var file *os.File
	opts := &bolt.Options{
		Timeout:  f.timeout(),
		ReadOnly: readOnly,
		OpenFile: func(name string, flag int, mode os.FileMode) (*os.File, error) {
			fl, err := f.openChecked(name, flag, mode)
			file = fl
			return fl, err
		},
	}
	// A damaged file can make bbolt read outside its map: a fault that is
	// a panic here, and a refusal below. The database is then abandoned,
	// but its file is closed, which gives up its lock.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if file != nil {
				file.Close()
			}
			err = f.damaged(fmt.Sprint(r))
			f.broken = err
		}
	}()
	db, err := bolt.Open(f.Path, 0o600, opts)
	if err != nil {
		return f.openErr(err)
	}
	err = fn(db)
	if cerr := db.Close(); err == nil && cerr != nil {
		err = writeErr(f.Path, "cannot close it", cerr)
	}
	if err != nil && !isOurs(err) {
		err = writeErr(f.Path, "cannot write it", err)
	}
	return err
}

// isOurs reports whether err is already in this package's words.
func isOurs(err error) bool {
	var (
		ee *ExistsError
		re *RefusedError
		le *LockedError
		we *WriteError
		fe *FieldError
	)
	return errors.As(err, &ee) || errors.As(err, &re) || errors.As(err, &le) || errors.As(err, &we) || errors.As(err, &fe)
}

// openErr says why bbolt could not open the file.
func (f *File) openErr(err error) error {
	switch {
	case isOurs(err):
		return err
	case errors.Is(err, berrors.ErrTimeout):
		return &LockedError{Path: f.Path}
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum):
		return f.damaged(err.Error())
	case errors.Is(err, berrors.ErrVersionMismatch):
		return f.refused("it is a bbolt database of another version")
	case errors.Is(err, fs.ErrNotExist):
		return writeErr(f.Path, "it has gone", err)
	}
	return writeErr(f.Path, "cannot open it", err)
}

// openChecked opens the diary for bbolt, never creating it, after
// checking that it is a bbolt file of a sane size.
func (f *File) openChecked(name string, flag int, mode os.FileMode) (*os.File, error) {
	info, err := os.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, f.refused("it is not a regular file")
	}
	file, err := os.OpenFile(name, flag&^os.O_CREATE, mode)
	if err != nil {
		return nil, err
	}
	if err := f.checkHeader(file); err != nil {
		file.Close()
		return nil, err
	}
	return file, nil
}

// bbolt's first page: a 16-byte page header whose flags (at 8) mark a
// meta page, then the meta, starting with the magic number.
const (
	pageFlagsAt  = 8
	metaFlag     = 0x04
	magicAt      = 16
	boltMagic    = 0xED0CDAED
	minBoltBytes = 1024
)

func (f *File) checkHeader(file *os.File) error {
	info, err := file.Stat()
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return f.refused("it is not a regular file")
	}
	if info.Size() > MaxFileBytes {
		return f.refused("it is %d bytes; a diary is at most %d", info.Size(), MaxFileBytes)
	}
	if info.Size() < minBoltBytes {
		return f.refused("it is not a diary (too short to be a bbolt database: %d bytes)", info.Size())
	}
	var head [magicAt + 4]byte
	if _, err := io.ReadFull(io.NewSectionReader(file, 0, int64(len(head))), head[:]); err != nil {
		return err
	}
	if binary.NativeEndian.Uint16(head[pageFlagsAt:])&metaFlag == 0 || binary.NativeEndian.Uint32(head[magicAt:]) != boltMagic {
		return f.refused("it is not a diary (not a bbolt database)")
	}
	return nil
}

// damaged refuses a bbolt file of ours that is damaged: it is never
// written, but Forget may delete it.
func (f *File) damaged(why string) error {
	return &RefusedError{Path: f.Path, Why: "it is damaged (" + why + ")", Damaged: true}
}

func (f *File) refused(format string, args ...any) error {
	return &RefusedError{Path: f.Path, Why: fmt.Sprintf(format, args...)}
}

// Forget deletes the diary: the database and any temporary file a killed
// start left beside it. A file that is not a twitchcheck diary (or not a
// bbolt file at all) is refused and left alone; a damaged diary is
// deleted. The folder goes too when nothing else is in it.
func (f *File) Forget() ([]string, error) {
	var removed []string
	if ok, err := f.Exists(); err != nil {
		return nil, err
	} else if ok {
		err := f.with(false, func(db *bolt.DB) error {
			return db.View(func(tx *bolt.Tx) error {
				m := tx.Bucket(metaBucket)
				if m == nil || string(m.Get(formatKey)) != string(formatName) {
					return f.refused("it is a bbolt database, but not a twitchcheck diary")
				}
				return nil
			})
		})
		var re *RefusedError
		if errors.As(err, &re) && re.Damaged {
			err = nil
		}
		if err != nil {
			return nil, err
		}
		if err := os.Remove(f.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, writeErr(f.Path, "cannot delete it", err)
		}
		removed = append(removed, f.Path)
	}
	dir := filepath.Dir(f.Path)
	leftovers, _ := filepath.Glob(filepath.Join(dir, "."+globEscape(filepath.Base(f.Path))+".new-*"))
	for _, l := range leftovers {
		if err := os.Remove(l); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, writeErr(l, "cannot delete it", err)
		}
		removed = append(removed, l)
	}
	syncDir(dir)
	return removed, nil
}

// RemoveFolderIfEmpty removes the diary's folder when nothing is left in
// it; it is used after forgetting the diary at its default place.
func (f *File) RemoveFolderIfEmpty() bool {
	return os.Remove(filepath.Dir(f.Path)) == nil
}

func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)
	return r.Replace(s)
}

// WriteError is a diary that could not be written or read for a reason
// outside it: a read-only folder, a full disk, no permission. Nothing
// acknowledged before is lost.
type WriteError struct {
	Path string
	What string
	Err  error
}

func (e *WriteError) Error() string {
	return fmt.Sprintf("the diary %s: %s: %v; nothing in it was changed", e.Path, e.What, unwrapPath(e.Err))
}

func (e *WriteError) Unwrap() error { return e.Err }

func writeErr(path, what string, err error) error {
	if isOurs(err) {
		return err
	}
	return &WriteError{Path: path, What: what, Err: err}
}

// unwrapPath drops the operation and path an *fs.PathError repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func randomSuffix() string {
	// The file is created O_EXCL, so the name needs to be unlikely to be
	// taken, not unpredictable: math/rand/v2 is seeded from the runtime.
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], rand.Uint64())
	return hex.EncodeToString(b[:6])
}

// syncDir makes a new or removed name durable; it is best effort, as a
// folder cannot be synced everywhere.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
