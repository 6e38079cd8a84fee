// placeholder: the report webview is being written
