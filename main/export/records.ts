// Moved to shared/ (the app's renderer uses them too); re-exported for main's exporters.
export * from '../../shared/export/records';
